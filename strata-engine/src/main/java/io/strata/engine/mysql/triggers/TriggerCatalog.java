package io.strata.engine.mysql.triggers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored programs of a database, in two tables of its {@code PUBLIC} schema (not a MySQL database, so
 * never shown to clients as tables):
 *
 * <pre>
 * STRATA_TRIGGERS  (trigger_schema, trigger_name) primary key, event_object_table, action_timing,
 *                  event_manipulation, action_statement (MySQL body), definition (CREATE TRIGGER text),
 *                  program (compiled, {@link TriggerProgram}), definer, created
 * STRATA_ROUTINES  (routine_schema, routine_name, routine_type) primary key, definition, definer, created:
 *                  stored procedures and functions, kept so a dump loads and SHOW lists them; never run
 * </pre>
 *
 * Invariant: a row of STRATA_TRIGGERS exists for each H2 trigger calling {@link MySqlTrigger}; the H2 trigger
 * (and so its table) is the authority: readers join H2's INFORMATION_SCHEMA.TRIGGERS, so a row left behind by
 * a dropped table is never shown and is replaced by a trigger of the same name.
 */
public final class TriggerCatalog {
    public static final String TRIGGERS = "PUBLIC.STRATA_TRIGGERS";
    public static final String ROUTINES = "PUBLIC.STRATA_ROUTINES";
    /** Columns declared NOT NULL that H2 keeps nullable because a BEFORE trigger fills them (see TriggerProgram.NotNull). */
    public static final String NOT_NULL = "PUBLIC.STRATA_NOT_NULL";
    /** Name prefix of the hidden guard triggers that check those columns on UPDATE. */
    public static final String GUARD_PREFIX = "strata$notnull$";

    /** DDL creating the catalog tables when missing. */
    public static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS " + TRIGGERS + " (trigger_schema VARCHAR(64) NOT NULL, trigger_name VARCHAR(64)"
                    + " NOT NULL, event_object_table VARCHAR(64) NOT NULL, action_timing VARCHAR(6) NOT NULL,"
                    + " event_manipulation VARCHAR(6) NOT NULL, action_statement VARCHAR NOT NULL, definition VARCHAR NOT"
                    + " NULL, program VARCHAR NOT NULL, definer VARCHAR(300), created TIMESTAMP(2) NOT NULL,"
                    + " PRIMARY KEY (trigger_schema, trigger_name))",
            "CREATE TABLE IF NOT EXISTS " + ROUTINES + " (routine_schema VARCHAR(64) NOT NULL, routine_name VARCHAR(64)"
                    + " NOT NULL, routine_type VARCHAR(9) NOT NULL, definition VARCHAR NOT NULL, definer VARCHAR(300),"
                    + " created TIMESTAMP(2) NOT NULL, PRIMARY KEY (routine_schema, routine_name, routine_type))",
            "CREATE TABLE IF NOT EXISTS " + NOT_NULL + " (table_schema VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL,"
                    + " column_name VARCHAR(64) NOT NULL, PRIMARY KEY (table_schema, table_name, column_name))");

    /** A stored trigger as MySQL describes it. */
    public record Entry(String schema, String name, String table, String timing, String event, String statement,
                        String definition, String definer, java.time.LocalDateTime created) {}

    private TriggerCatalog() {}

    /** The program of trigger {@code schema.name}, or null if the catalog has none. */
    static TriggerProgram program(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT program FROM " + TRIGGERS
                + " WHERE trigger_schema = ? AND trigger_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? TriggerProgram.fromJson(rs.getString(1)) : null;
            }
        }
    }

    /** Records a trigger (replacing a row left by a dropped table). */
    public static void put(Connection c, Entry e, TriggerProgram program) throws SQLException {
        delete(c, e.schema(), e.name());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TRIGGERS + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.schema());
            ps.setString(2, e.name());
            ps.setString(3, e.table());
            ps.setString(4, e.timing());
            ps.setString(5, e.event());
            ps.setString(6, e.statement());
            ps.setString(7, e.definition());
            ps.setString(8, program.toJson());
            ps.setString(9, e.definer());
            ps.setObject(10, e.created());
            ps.executeUpdate();
        }
    }

    public static void delete(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TRIGGERS
                + " WHERE trigger_schema = ? AND trigger_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }

    /** The live triggers of {@code schema} (all schemas if null), ordered by table, event, timing, creation. */
    public static List<Entry> list(Connection c, String schema) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.trigger_schema, s.trigger_name, h.EVENT_OBJECT_TABLE,"
                + " s.action_timing, s.event_manipulation, s.action_statement, s.definition, s.definer, s.created FROM "
                + TRIGGERS + " s JOIN INFORMATION_SCHEMA.TRIGGERS h ON h.TRIGGER_SCHEMA = s.trigger_schema AND"
                + " h.TRIGGER_NAME = s.trigger_name WHERE (? IS NULL OR s.trigger_schema = ?) AND s.trigger_name NOT LIKE"
                + " 'strata$notnull$%'"
                + " ORDER BY s.trigger_schema, h.EVENT_OBJECT_TABLE, s.event_manipulation, s.action_timing, s.created")) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getObject(9, java.time.LocalDateTime.class)));
                }
            }
        }
        return out;
    }

    /** Records that {@code schema.table.column} is declared NOT NULL but checked by triggers. */
    public static void putNotNull(Connection c, String schema, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO " + NOT_NULL + " KEY (table_schema, table_name,"
                + " column_name) VALUES (?, ?, ?)")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, column);
            ps.executeUpdate();
        }
    }

    /** The trigger-checked NOT NULL columns of a table (lower case). */
    public static java.util.Set<String> notNull(Connection c, String schema, String table) throws SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM " + NOT_NULL
                + " WHERE table_schema = ? AND LOWER(table_name) = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table.toLowerCase(java.util.Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Records a stored procedure or function definition (replacing one of the same name). */
    public static void putRoutine(Connection c, String schema, String name, String type, String definition,
                                  String definer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO " + ROUTINES + " KEY (routine_schema, routine_name,"
                + " routine_type) VALUES (?, ?, ?, ?, ?, LOCALTIMESTAMP(2))")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            ps.setString(3, type);
            ps.setString(4, definition);
            ps.setString(5, definer);
            ps.executeUpdate();
        }
    }

    /** Deletes a routine; true if there was one. */
    public static boolean deleteRoutine(Connection c, String schema, String name, String type) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + ROUTINES
                + " WHERE routine_schema = ? AND routine_name = ? AND routine_type = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            ps.setString(3, type);
            return ps.executeUpdate() > 0;
        }
    }

    /** Routines of {@code schema} (all if null): rows of schema, name, type, definition, definer, created. */
    public static List<Object[]> routines(Connection c, String schema) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT routine_schema, routine_name, routine_type, definition,"
                + " definer, created FROM " + ROUTINES + " WHERE ? IS NULL OR routine_schema = ? ORDER BY 1, 2, 3")) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getObject(6, java.time.LocalDateTime.class)});
                }
            }
        }
        return out;
    }

    /** Creates the catalog tables if missing. */
    public static void install(Connection c) throws SQLException {
        for (String ddl : DDL) {
            try (Statement st = c.createStatement()) {
                st.execute(ddl);
            }
        }
    }
}
