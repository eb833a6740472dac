package io.strata.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers for the scenario tests: run statements, read a column or a single value. */
final class Sql {
    private Sql() {
    }

    static void exec(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Each row as its columns joined with '|'. */
    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    /** Inserts rows {@code from..to} (inclusive) of batch {@code batch} into app.items, in one transaction. */
    static void insertBatch(Connection c, int from, int to, String batch) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO app.items (id, batch, note) VALUES (?, ?, ?)")) {
            for (int id = from; id <= to; id++) {
                ps.setInt(1, id);
                ps.setString(2, batch);
                ps.setString(3, "row " + id + " of " + batch);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
    }

    static final String ITEMS = "CREATE TABLE app.items (id INT PRIMARY KEY, batch VARCHAR(20) NOT NULL, note VARCHAR(100))";
}
