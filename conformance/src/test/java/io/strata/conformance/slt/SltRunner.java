package io.strata.conformance.slt;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Runs sqllogictest files over JDBC, each in a fresh database, and counts what passes. */
public final class SltRunner {
    /** Figures of one file; {@code failures} holds the first few failures, described. */
    public record Figures(String file, int records, int passed, List<String> failures) {
        public double ratio() {
            return records == 0 ? 1 : (double) passed / records;
        }
    }

    private final String url;
    private final String user;
    private final String password;

    public SltRunner(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public Figures run(Path file) throws Exception {
        List<SltFile.Record> records = SltFile.parse(file);
        int passed = 0;
        List<String> failures = new ArrayList<>();
        String db = "slt_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + db);
            st.execute("USE " + db);
            for (SltFile.Record r : records) {
                String why = r.query() ? query(st, r) : statement(st, r);
                if (why == null) {
                    passed++;
                } else if (failures.size() < 20) {
                    failures.add(file.getFileName() + ":" + r.line() + ": " + why + "\n      " + r.sql().replace("\n", " "));
                }
            }
            st.execute("DROP DATABASE " + db);
        }
        return new Figures(file.getFileName().toString(), records.size(), passed, failures);
    }

    private static String statement(Statement st, SltFile.Record r) {
        try {
            st.execute(r.sql());
            return r.expectError() ? "statement succeeded, error expected" : null;
        } catch (SQLException e) {
            return r.expectError() ? null : "statement failed: " + e.getErrorCode() + " " + e.getMessage();
        }
    }

    private static String query(Statement st, SltFile.Record r) {
        List<String[]> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(r.sql())) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    char type = i < r.types().length() ? r.types().charAt(i) : 'T';
                    row[i] = format(rs.getString(i + 1), type);
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            return "query failed: " + e.getErrorCode() + " " + e.getMessage();
        }
        List<String> values = new ArrayList<>();
        switch (r.sortMode()) {
            case "rowsort" -> {
                rows.sort((a, b) -> {
                    for (int i = 0; i < a.length; i++) {
                        int c = a[i].compareTo(b[i]);
                        if (c != 0) return c;
                    }
                    return 0;
                });
                rows.forEach(row -> values.addAll(Arrays.asList(row)));
            }
            case "valuesort" -> {
                rows.forEach(row -> values.addAll(Arrays.asList(row)));
                values.sort(String::compareTo);
            }
            default -> rows.forEach(row -> values.addAll(Arrays.asList(row)));
        }
        List<String> expected = r.expected();
        if (expected.size() == 1 && expected.get(0).contains(" values hashing to ")) {
            String[] f = expected.get(0).split(" ");
            String hash = md5(values);
            boolean ok = Integer.parseInt(f[0]) == values.size() && f[f.length - 1].equals(hash);
            return ok ? null : "expected " + expected.get(0) + ", got " + values.size() + " values hashing to " + hash;
        }
        if (r.hashThreshold() > 0 && values.size() > r.hashThreshold()) {
            // the file lists values although they exceed the threshold: compare them directly
        }
        if (values.equals(expected)) return null;
        return "expected " + abbreviate(expected) + ", got " + abbreviate(values);
    }

    private static String abbreviate(List<String> v) {
        String s = String.join(" ", v);
        return s.length() > 200 ? s.substring(0, 200) + "..." : "[" + s + "]";
    }

    /** A value as the reference runner prints it for the declared column type. */
    static String format(String v, char type) {
        if (v == null) return "NULL";
        switch (type) {
            case 'I': {
                try {
                    return new BigDecimal(v.strip()).toBigInteger().toString();
                } catch (NumberFormatException e) {
                    return Long.toString((long) io.strata.engine.mysql.functions.StringFunctions.numericPrefix(v));
                }
            }
            case 'R': {
                double d;
                try {
                    d = Double.parseDouble(v.strip());
                } catch (NumberFormatException e) {
                    d = io.strata.engine.mysql.functions.StringFunctions.numericPrefix(v);
                }
                return String.format("%.3f", d);
            }
            default: {
                if (v.isEmpty()) return "(empty)";
                StringBuilder sb = new StringBuilder(v.length());
                for (char c : v.toCharArray()) sb.append(c < ' ' || c > '~' ? '@' : c);
                return sb.toString();
            }
        }
    }

    static String md5(List<String> values) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (String v : values) {
                md.update(v.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code SltRunner JDBC_URL USER PASSWORD FILE...}, or {@code --in-process FILE...}: prints the figures. */
    public static void main(String[] args) throws Exception {
        List<Figures> all = new ArrayList<>();
        if (args[0].equals("--in-process")) {
            try (var strata = new io.strata.conformance.InProcessStrataAccess()) {
                SltRunner runner = new SltRunner(strata.url(), strata.user(), strata.password());
                for (int i = 1; i < args.length; i++) all.add(print(runner.run(Path.of(args[i]))));
            }
        } else {
            SltRunner runner = new SltRunner(args[0], args[1], args[2]);
            for (int i = 3; i < args.length; i++) all.add(print(runner.run(Path.of(args[i]))));
        }
        long records = all.stream().mapToLong(Figures::records).sum(), passed = all.stream().mapToLong(Figures::passed).sum();
        System.out.printf("total: %d of %d records passed (%.3f%%)%n", passed, records, 100.0 * passed / Math.max(1, records));
    }

    private static Figures print(Figures f) {
        System.out.printf("%-24s %7d records %7d passed %8.3f%%%n", f.file(), f.records(), f.passed(), 100 * f.ratio());
        f.failures().forEach(x -> System.out.println("    " + x));
        return f;
    }
}
