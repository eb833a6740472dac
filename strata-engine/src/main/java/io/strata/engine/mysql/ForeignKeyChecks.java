package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Token;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code foreign_key_checks=0} for one session. H2 has no per-session switch, so: foreign keys of tables
 * created while checks are off are deferred (added when checks are re-enabled, or when the session ends), so
 * that dumps may create a child table before its parent; DROP TABLE cascades; and TRUNCATE (an implicit
 * commit anyway) and autocommitted DML run with H2's database-wide REFERENTIAL_INTEGRITY switched off for the
 * statement. Inside a transaction, DML keeps its foreign-key checks (switching would commit).
 */
final class ForeignKeyChecks {
    private final MySqlSession session;
    private final List<String> deferred = new ArrayList<>();

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

    /** Adds the foreign keys of tables created while checks were off. */
    void applyDeferred() throws SQLException {
        List<String> pending = new ArrayList<>(deferred);
        deferred.clear();
        for (String ddl : pending) {
            Commands.exec(session, Rewriter.rewrite(session, ddl, SqlScanner.tokenize(ddl)));
        }
    }

    /** Switches H2's checks off for this statement if MySQL would not check; returns whether it did. */
    boolean relax(Token first, boolean autocommitting) {
        if (enabled()) return false;
        boolean dml = first.is("INSERT") || first.is("UPDATE") || first.is("DELETE") || first.is("REPLACE");
        if (!first.is("TRUNCATE") && !(dml && autocommitting)) return false;
        try (Statement st = session.connection().createStatement()) {
            st.execute("SET REFERENTIAL_INTEGRITY FALSE");
            return true;
        } catch (SQLException e) {
            return false; // not an admin connection: checks stay on
        }
    }

    void restore() {
        try (Statement st = session.connection().createStatement()) {
            st.execute("SET REFERENTIAL_INTEGRITY TRUE");
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }
}
