package io.strata.client.dump;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Splits a mysqldump / mariadb-dump file (or any MySQL script) into statements the way the {@code mysql}
 * client does, streaming, so a dump of any size takes constant memory:
 * <ul>
 *   <li>a statement ends at the current delimiter ({@code ;} until a {@code DELIMITER xx} line changes it, as
 *       dumps do around triggers and routines), outside quotes and comments;</li>
 *   <li>{@code '...'} and {@code "..."} strings (with backslash escapes and doubled quotes) and {@code `...`}
 *       identifiers are opaque;</li>
 *   <li>{@code -- } and {@code #} line comments and plain {@code /* ... *}{@code /} comments are left out, as
 *       the client's default {@code --skip-comments} does; MySQL's executable comments {@code /*!NNNNN ... *}{@code /}
 *       and optimizer hints {@code /*+ ... *}{@code /} are kept verbatim; MariaDB's {@code /*M! ... *}{@code /}
 *       are left out, as a MySQL server ignores them;</li>
 *   <li>gzip input is recognised by its magic bytes, whatever the file is called.</li>
 * </ul>
 * Each statement carries the line it begins on and the bytes of the file read so far.
 *
 * <p>Not thread-safe: one reader is read by one thread.
 */
public final class DumpReader implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;
    private final CountingInputStream counted;
    private final Reader in;
    private final long totalBytes;
    private final char[] buf = new char[CHUNK + 64];
    private int pos;
    private int limit;
    private boolean eof;
    private long line = 1;
    private String delimiter = ";";

    private DumpReader(InputStream raw, long totalBytes) throws IOException {
        this.counted = new CountingInputStream(raw);
        BufferedInputStream b = new BufferedInputStream(counted, CHUNK);
        b.mark(2);
        int m1 = b.read();
        int m2 = b.read();
        b.reset();
        InputStream content = m1 == 0x1f && m2 == 0x8b ? new GZIPInputStream(b, CHUNK) : b;
        this.in = new InputStreamReader(content, StandardCharsets.UTF_8);
        this.totalBytes = totalBytes;
    }

    /** Reads a dump file, plain or gzip-compressed. */
    public static DumpReader open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return new DumpReader(raw, Files.size(file));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Reads a dump from a stream (closed with the reader); {@code totalBytes} is its size, or -1 if unknown. */
    public static DumpReader of(InputStream in, long totalBytes) throws IOException {
        return new DumpReader(in, totalBytes);
    }

    /** The size of the input in bytes as given (the file's size on disk), or -1 if unknown. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Bytes of the input read so far (compressed bytes for gzip). */
    public long bytesRead() {
        return counted.count();
    }

    /** The delimiter in force (";" until a DELIMITER line changes it). */
    public String delimiter() {
        return delimiter;
    }

    /** The next statement, or null at the end of the input. */
    public DumpStatement next() {
        try {
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the dump failed at line " + line + ": " + e.getMessage(), e);
        }
    }

    private DumpStatement read() throws IOException {
        StringBuilder sql = new StringBuilder();
        long startLine = -1;
        boolean atLineStart = true;
        while (true) {
            if (!ensure(1)) {
                return finish(sql, startLine);
            }
            char c = buf[pos];
            if (sql.length() == 0 && startLine < 0 && atLineStart && isDelimiterCommand()) {
                readDelimiterCommand();
                continue;
            }
            if (c == '\n') {
                pos++;
                line++;
                atLineStart = true;
                if (sql.length() > 0) {
                    sql.append('\n');
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                pos++;
                if (sql.length() > 0) {
                    sql.append(c);
                }
                continue;
            }
            atLineStart = false;
            if (startsWith(delimiter)) {
                pos += delimiter.length();
                DumpStatement s = finish(sql, startLine);
                if (s != null) {
                    return s;
                }
                startLine = -1;
                continue;
            }
            if (c == '#' || c == '-' && startsWith("--") && isCommentDashSpace()) {
                skipToLineEnd();
                continue;
            }
            if (c == '/' && startsWith("/*")) {
                long at = line;
                if (comment(sql) && startLine < 0) {
                    startLine = at;
                }
                continue;
            }
            if (startLine < 0) {
                startLine = line;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quoted(sql, c);
            } else {
                sql.append(c);
                pos++;
            }
        }
    }

    private DumpStatement finish(StringBuilder sql, long startLine) {
        String text = sql.toString().strip();
        if (text.isEmpty()) {
            return null;
        }
        return new DumpStatement(text, startLine < 0 ? line : startLine, counted.count());
    }

    /** Copies a quoted string or identifier, escapes and doubled quotes included, counting its newlines. */
    private void quoted(StringBuilder sql, char quote) throws IOException {
        sql.append(quote);
        pos++;
        while (ensure(1)) {
            char c = buf[pos++];
            sql.append(c);
            if (c == '\n') {
                line++;
            } else if (c == '\\' && quote != '`') {
                if (ensure(1)) {
                    char e = buf[pos++];
                    sql.append(e);
                    if (e == '\n') {
                        line++;
                    }
                }
            } else if (c == quote) {
                if (ensure(1) && buf[pos] == quote) {
                    sql.append(buf[pos++]);
                } else {
                    return;
                }
            }
        }
    }

    /**
     * A block comment at {@code pos}: kept verbatim if executable ({@code /*!}) or a hint ({@code /*+}),
     * otherwise left out (a space stands for it between tokens). Returns whether it was kept.
     */
    private boolean comment(StringBuilder sql) throws IOException {
        ensure(3);
        boolean keep = limit - pos >= 3 && (buf[pos + 2] == '!' || buf[pos + 2] == '+');
        StringBuilder target = keep ? sql : new StringBuilder();
        target.append("/*");
        pos += 2;
        boolean closed = false;
        while (ensure(1)) {
            char c = buf[pos++];
            target.append(c);
            if (c == '\n') {
                line++;
            } else if (c == '*' && ensure(1) && buf[pos] == '/') {
                target.append('/');
                pos++;
                closed = true;
                break;
            }
        }
        if (!keep && sql.length() > 0 && !Character.isWhitespace(sql.charAt(sql.length() - 1))) {
            sql.append(' ');
        }
        return keep && closed;
    }

    /** "--" starts a comment only when followed by whitespace, a control character or the end of the input. */
    private boolean isCommentDashSpace() throws IOException {
        if (!ensure(3)) {
            return true;
        }
        return buf[pos + 2] <= ' ';
    }

    private void skipToLineEnd() throws IOException {
        while (ensure(1)) {
            if (buf[pos] == '\n') {
                return;
            }
            pos++;
        }
    }

    private boolean isDelimiterCommand() throws IOException {
        if (!ensure(10)) {
            return false;
        }
        String word = new String(buf, pos, 9).toLowerCase(Locale.ROOT);
        return word.equals("delimiter") && (buf[pos + 9] == ' ' || buf[pos + 9] == '\t');
    }

    /** "DELIMITER xx": the rest of the line (up to whitespace) is the new delimiter. */
    private void readDelimiterCommand() throws IOException {
        pos += 9;
        StringBuilder rest = new StringBuilder();
        while (ensure(1) && buf[pos] != '\n') {
            rest.append(buf[pos++]);
        }
        String d = rest.toString().strip();
        int space = d.indexOf(' ');
        d = space < 0 ? d : d.substring(0, space);
        if (d.isEmpty()) {
            throw new IllegalArgumentException("DELIMITER without a delimiter at line " + line);
        }
        delimiter = d;
    }

    private boolean startsWith(String s) throws IOException {
        if (!ensure(s.length())) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (buf[pos + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Makes at least {@code n} characters available at {@code pos}; false if the input ends first. */
    private boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (eof) {
            return false;
        }
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
        while (limit < n && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return limit - pos >= n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
