package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the SQL text of COM_QUERY. The text is utf8mb4, except inside {@code _binary'...'} literals, which
 * may hold arbitrary bytes (drivers send client-side-prepared BLOB parameters this way). Those literals are
 * turned into {@code X'hex'} literals at the byte level, before UTF-8 decoding would corrupt them.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query.html">COM_QUERY</a>
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/charset-introducer.html">Character set introducers</a>
 */
public final class QueryText {
    private static final byte[] BINARY = "_binary".getBytes(StandardCharsets.US_ASCII);

    private QueryText() {}

    public static String decode(ByteBuf b) {
        byte[] in = new byte[b.readableBytes()];
        b.readBytes(in);
        if (!containsBinaryIntroducer(in)) return new String(in, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 2);
        int i = 0;
        while (i < in.length) {
            byte c = in[i];
            if (c == '\'' || c == '"' || c == '`') {
                int end = skipQuoted(in, i);
                out.write(in, i, end - i);
                i = end;
            } else if (startsWithIgnoreCase(in, i, BINARY) && (i == 0 || !isWordByte(in[i - 1]))) {
                int j = i + BINARY.length;
                while (j < in.length && (in[j] == ' ' || in[j] == '\t' || in[j] == '\n' || in[j] == '\r')) j++;
                if (j < in.length && in[j] == '\'') {
                    i = hexLiteral(in, j, out);
                } else {
                    out.write(in, i, BINARY.length);
                    i += BINARY.length;
                }
            } else {
                out.write(c);
                i++;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes X'..' for the single-quoted string at {@code start}; returns the index after it. */
    private static int hexLiteral(byte[] in, int start, ByteArrayOutputStream out) {
        StringBuilder hex = new StringBuilder("X'");
        int i = start + 1;
        while (i < in.length) {
            int c = in[i] & 0xFF;
            if (c == '\\' && i + 1 < in.length) {
                int e = in[++i] & 0xFF;
                c = switch (e) {
                    case '0' -> 0;
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'b' -> '\b';
                    case 'Z' -> 26;
                    default -> e;
                };
            } else if (c == '\'') {
                if (i + 1 < in.length && in[i + 1] == '\'') {
                    i++;
                } else {
                    i++;
                    break;
                }
            }
            hex.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            i++;
        }
        out.writeBytes(hex.append('\'').toString().getBytes(StandardCharsets.US_ASCII));
        return i;
    }

    private static boolean containsBinaryIntroducer(byte[] in) {
        for (int i = 0; i + BINARY.length <= in.length; i++) {
            if (startsWithIgnoreCase(in, i, BINARY)) return true;
        }
        return false;
    }

    private static boolean startsWithIgnoreCase(byte[] in, int at, byte[] word) {
        if (at + word.length > in.length) return false;
        for (int k = 0; k < word.length; k++) {
            if (Character.toLowerCase(in[at + k]) != word[k]) return false;
        }
        return true;
    }

    private static boolean isWordByte(byte c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c < 0;
    }

    private static int skipQuoted(byte[] s, int i) {
        byte q = s[i++];
        while (i < s.length) {
            if (s[i] == '\\' && q != '`') {
                i += 2;
            } else if (s[i] == q) {
                if (i + 1 < s.length && s[i + 1] == q) i += 2;
                else return i + 1;
            } else {
                i++;
            }
        }
        return s.length;
    }
}
