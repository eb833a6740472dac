package io.strata.engine.mysql;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code foreign_key_checks=0} for one session (MySQL manual 15.1.20.5). H2 has no per-session switch, so:
 * foreign keys of tables created while checks are off are deferred (added when checks are re-enabled, or when
 * the session ends), so that dumps may create a child table before its parent; DROP TABLE cascades; and while
 * any session of a database has checks off, H2's database-wide REFERENTIAL_INTEGRITY is off (reference
 * counted per database). Dump files turn checks off before their first transaction and back on after the
 * last, which is what this serves; the cost is that other sessions of the same database are not checked
 * meanwhile either (docs/mysql-compatibility.md). Turning H2's switch commits an open transaction.
 */
final class ForeignKeyChecks {
    /** Sessions with checks off, per database (keyed by the JDBC URL of the H2 database). */
    private static final java.util.Map<String, Integer> RELAXED = new java.util.HashMap<>();

    private final MySqlSession session;
    private final List<String> deferred = new ArrayList<>();
    private boolean relaxed;

    ForeignKeyChecks(MySqlSession session) {
        this.session = session;
    }

    boolean enabled() {
        Object v = session.vars.get("foreign_key_checks");
        return !(v instanceof Number n && n.longValue() == 0) && !"0".equals(String.valueOf(v))
                && !"OFF".equalsIgnoreCase(String.valueOf(v));
    }

    /** Where CREATE TABLE puts the foreign keys to defer; null while checks are on. */
    List<String> deferralList() {
        return enabled() ? null : deferred;
    }

    /** Called after the variable changed: relaxes or restores H2's checks to match. */
    void changed() throws SQLException {
        if (!enabled() && !relaxed) {
            relaxed = true;
            adjust(+1);
        } else if (enabled() && relaxed) {
            relaxed = false;
            applyDeferred();
            adjust(-1);
        }
    }

    /** The session ends: its deferred foreign keys are added and its share of the relaxation released. */
    void close() throws SQLException {
        applyDeferred();
        if (relaxed) {
            relaxed = false;
            adjust(-1);
        }
    }

    private void adjust(int delta) throws SQLException {
        String db = session.connection().getMetaData().getURL();
        synchronized (RELAXED) {
            int before = RELAXED.getOrDefault(db, 0);
            int after = Math.max(0, before + delta);
            if (after == 0) {
                RELAXED.remove(db);
            } else {
                RELAXED.put(db, after);
            }
            if ((before == 0) != (after == 0)) {
                try (Statement st = session.connection().createStatement()) {
                    st.execute("SET REFERENTIAL_INTEGRITY " + (after == 0 ? "TRUE" : "FALSE"));
                } catch (SQLException e) {
                    // not an admin connection: checks stay on
                }
            }
        }
    }

    /** Adds the foreign keys of tables created while checks were off. */
    void applyDeferred() throws SQLException {
        List<String> pending = new ArrayList<>(deferred);
        deferred.clear();
        for (String ddl : pending) {
            Commands.exec(session, Rewriter.rewrite(session, ddl, SqlScanner.tokenize(ddl)));
        }
    }
}
