package io.strata.engine.mysql;

import io.strata.engine.mysql.SqlScanner.Token;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Views as MySQL shows them (MySQL manual 15.7.7.13 SHOW CREATE VIEW, 28.3.48 INFORMATION_SCHEMA.VIEWS):
 * H2 keeps a view's query only in its own SQL (expanded functions, double-quoted names), which MySQL clients
 * cannot run, so {@code CREATE VIEW} also stores the query as the client wrote it in the H2 view's comment (a
 * MySQL view has no comment of its own), and SHOW CREATE VIEW, SHOW CREATE TABLE of a view and
 * {@code information_schema.VIEWS} give that text. A view created before Strata kept the text shows H2's SQL
 * with backtick-quoted names. Strata keeps no definer: every view shows {@code root@%} (SHOW CREATE VIEW and
 * information_schema.VIEWS agree, so mariadb-dump splits the statement into its versioned comments). This is
 * what lets {@code mariadb-dump} dump views and load them back.
 */
final class ViewCommands {
    private ViewCommands() {}

    /**
     * After H2 ran {@code CREATE [OR REPLACE] .. VIEW name [(cols)] AS select}: stores the select's MySQL text
     * ({@code view} is the index of the VIEW token).
     */
    static void created(MySqlSession s, String text, List<Token> t, int view) {
        int i = view + 1;
        String db = s.database(), name = t.get(i).identifier();
        if (i + 2 < t.size() && t.get(i + 1).text().equals(".")) {
            db = t.get(i).identifier();
            name = t.get(i + 2).identifier();
            i += 2;
        }
        int depth = 0;
        for (i = i + 1; i < t.size(); i++) {
            String x = t.get(i).text();
            if (x.equals("(")) depth++;
            else if (x.equals(")")) depth--;
            else if (depth == 0 && t.get(i).is("AS")) break;
        }
        if (i + 1 >= t.size() || db == null) return;
        String select = text.substring(t.get(i + 1).start()).strip();
        try {
            Commands.exec(s, "COMMENT ON TABLE " + SqlScanner.quoteIdentifier(db.toLowerCase(Locale.ROOT)) + "."
                    + SqlScanner.quoteIdentifier(name.toLowerCase(Locale.ROOT)) + " IS " + SqlScanner.literal(select));
        } catch (SQLException e) { // the view exists: without its text, SHOW CREATE VIEW shows H2's SQL
            s.warnings().add(new String[] {"Warning", "1105", "Strata did not keep the text of view '" + name
                    + "' (SHOW CREATE VIEW shows its H2 form): " + e.getMessage()});
        }
    }

    /** The view's select as MySQL text, or null if {@code db.name} is not a view. */
    static String definition(MySqlSession s, String db, String name) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("SELECT t.REMARKS, v.VIEW_DEFINITION FROM"
                + " INFORMATION_SCHEMA.TABLES t JOIN INFORMATION_SCHEMA.VIEWS v ON v.TABLE_SCHEMA = t.TABLE_SCHEMA"
                + " AND v.TABLE_NAME = t.TABLE_NAME WHERE LOWER(t.TABLE_SCHEMA) = ? AND LOWER(t.TABLE_NAME) = ?")) {
            ps.setString(1, db.toLowerCase(Locale.ROOT));
            ps.setString(2, name.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                String remarks = rs.getString(1);
                if (remarks != null && !remarks.isEmpty()) return remarks;
                return h2Definition(rs.getString(2));
            }
        }
    }

    /** H2's view SQL with double-quoted names as backtick-quoted ones (a view created before the text was kept). */
    private static String h2Definition(String sql) {
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (Token x : SqlScanner.tokenize(sql)) {
            if (x.kind() != SqlScanner.Kind.DQUOTE) continue;
            out.append(sql, copied, x.start()).append('`').append(x.identifier().replace("`", "``")).append('`');
            copied = x.end();
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    /** SHOW CREATE VIEW's (and SHOW CREATE TABLE's, for a view) result, or null if it is not a view. */
    static Result.Rows showCreate(MySqlSession s, String db, String name) throws SQLException {
        String schema = db != null ? db : s.database();
        if (schema == null) throw MySqlErrors.noDatabaseSelected();
        String select = definition(s, schema, name);
        if (select == null) return null;
        String create = "CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`%` SQL SECURITY DEFINER VIEW `"
                + name.replace("`", "``") + "` AS " + select;
        return ShowCommands.rows(List.of("View", "Create View", "character_set_client", "collation_connection"),
                List.<Object[]>of(new Object[] {name, create, "utf8mb4", "utf8mb4_0900_ai_ci"}));
    }
}
