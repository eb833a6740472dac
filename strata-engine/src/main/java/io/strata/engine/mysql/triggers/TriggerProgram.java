package io.strata.engine.mysql.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled trigger body: steps of H2 SQL whose parameters ({@code ?1, ?2, ...}) are row values, each
 * named {@code N:col} (the new row's column) or {@code O:col} (the old row's).
 *
 * <p>Stored form (JSON, in {@code STRATA_TRIGGERS.PROGRAM}): an array of steps,
 * {@code {"k":"exec","sql":..,"p":[..]}} (a statement), {@code {"k":"set","col":..,"sql":"SELECT ..","p":[..]}}
 * ({@code SET NEW.col = expr}), {@code {"k":"if","branches":[{"sql":"SELECT ..","p":[..],"steps":[..]}],
 * "else":[..]}} and {@code {"k":"signal","state":..,"msg":..}}.
 */
public final class TriggerProgram {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One step; {@code sql} is H2 SQL, {@code params} the row value for each {@code ?n}. */
    public sealed interface Step permits Exec, SetNew, If, Signal, NotNull {}

    public record Exec(String sql, List<String> params) implements Step {}

    public record SetNew(String column, String sql, List<String> params) implements Step {}

    public record Branch(String sql, List<String> params, List<Step> steps) {}

    public record If(List<Branch> branches, List<Step> otherwise) implements Step {}

    public record Signal(String sqlState, String message) implements Step {}

    /**
     * The NOT NULL check of columns a BEFORE trigger fills: H2 checks NOT NULL before BEFORE triggers run, so such
     * columns are nullable in H2 and checked here, after the trigger's SET steps (see TriggerCatalog.NOT_NULL).
     */
    public record NotNull(List<String> columns) implements Step {}

    private final List<Step> steps;

    public TriggerProgram(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public List<Step> steps() {
        return steps;
    }

    /** The stored form. */
    public String toJson() {
        return write(steps).toString();
    }

    private static ArrayNode write(List<Step> steps) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Step s : steps) {
            ObjectNode o = a.addObject();
            if (s instanceof Exec e) {
                o.put("k", "exec").put("sql", e.sql());
                e.params().forEach(o.putArray("p")::add);
            } else if (s instanceof SetNew e) {
                o.put("k", "set").put("col", e.column()).put("sql", e.sql());
                e.params().forEach(o.putArray("p")::add);
            } else if (s instanceof If e) {
                o.put("k", "if");
                ArrayNode bs = o.putArray("branches");
                for (Branch b : e.branches()) {
                    ObjectNode bo = bs.addObject().put("sql", b.sql());
                    b.params().forEach(bo.putArray("p")::add);
                    bo.set("steps", write(b.steps()));
                }
                o.set("else", write(e.otherwise()));
            } else if (s instanceof Signal e) {
                o.put("k", "signal").put("state", e.sqlState()).put("msg", e.message());
            } else if (s instanceof NotNull e) {
                o.put("k", "notnull");
                e.columns().forEach(o.putArray("p")::add);
            }
        }
        return a;
    }

    /** Reads the stored form. */
    public static TriggerProgram fromJson(String json) {
        try {
            return new TriggerProgram(read(MAPPER.readTree(json)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("damaged trigger program: " + e.getOriginalMessage(), e);
        }
    }

    private static List<Step> read(JsonNode a) {
        List<Step> out = new ArrayList<>();
        for (JsonNode o : a) {
            switch (o.get("k").asText()) {
                case "exec" -> out.add(new Exec(o.get("sql").asText(), strings(o.get("p"))));
                case "set" -> out.add(new SetNew(o.get("col").asText(), o.get("sql").asText(), strings(o.get("p"))));
                case "if" -> {
                    List<Branch> bs = new ArrayList<>();
                    for (JsonNode b : o.get("branches")) {
                        bs.add(new Branch(b.get("sql").asText(), strings(b.get("p")), read(b.get("steps"))));
                    }
                    out.add(new If(bs, read(o.get("else"))));
                }
                case "signal" -> out.add(new Signal(o.get("state").asText(), o.get("msg").asText()));
                case "notnull" -> out.add(new NotNull(strings(o.get("p"))));
                default -> throw new IllegalStateException("unknown trigger step " + o);
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        if (a != null) a.forEach(x -> out.add(x.asText()));
        return out;
    }

    /**
     * Runs the steps for one row. {@code columns} maps a lower-case column name to its index in the row
     * arrays; {@code newRow} may be changed by {@code SET NEW.col} (BEFORE triggers).
     */
    void run(Connection c, Map<String, Integer> columns, Object[] oldRow, Object[] newRow) throws SQLException {
        run(steps, c, columns, oldRow, newRow);
    }

    private static void run(List<Step> steps, Connection c, Map<String, Integer> columns, Object[] oldRow,
                            Object[] newRow) throws SQLException {
        for (Step s : steps) {
            if (s instanceof Exec e) {
                try (PreparedStatement ps = prepare(c, e.sql(), e.params(), columns, oldRow, newRow)) {
                    ps.execute();
                }
            } else if (s instanceof SetNew e) {
                Integer idx = columns.get(e.column());
                if (idx == null || newRow == null) {
                    throw new SQLException("Unknown column '" + e.column() + "' in 'NEW'", "42S22", 1054);
                }
                newRow[idx] = single(c, e.sql(), e.params(), columns, oldRow, newRow);
            } else if (s instanceof If e) {
                List<Step> chosen = e.otherwise();
                for (Branch b : e.branches()) {
                    Object v = single(c, b.sql(), b.params(), columns, oldRow, newRow);
                    if (v instanceof Boolean bool ? bool : v instanceof Number n && n.doubleValue() != 0) {
                        chosen = b.steps();
                        break;
                    }
                }
                run(chosen, c, columns, oldRow, newRow);
            } else if (s instanceof Signal e) {
                throw new SQLException(e.message(), e.sqlState(), 1644);
            } else if (s instanceof NotNull e && newRow != null) {
                for (String col : e.columns()) {
                    Integer idx = columns.get(col);
                    if (idx != null && newRow[idx] == null) {
                        throw new SQLException("Column '" + col + "' cannot be null", "23000", 1048);
                    }
                }
            }
        }
    }

    private static Object single(Connection c, String sql, List<String> params, Map<String, Integer> columns,
                                 Object[] oldRow, Object[] newRow) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params, columns, oldRow, newRow); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getObject(1) : null;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<String> params, Map<String, Integer> columns,
                                             Object[] oldRow, Object[] newRow) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.size(); i++) {
                String p = params.get(i);
                Object[] row = p.startsWith("N:") ? newRow : oldRow;
                String col = p.substring(2);
                Integer idx = columns.get(col);
                if (row == null || idx == null) {
                    throw new SQLException("Unknown column '" + col + "' in '" + (p.startsWith("N:") ? "NEW" : "OLD") + "'",
                            "42S22", 1054);
                }
                ps.setObject(i + 1, row[idx]);
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }
}
