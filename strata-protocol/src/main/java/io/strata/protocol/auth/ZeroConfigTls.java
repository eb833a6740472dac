package io.strata.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import java.util.Map;

/**
 * MariaDB's zero-configuration TLS (MariaDB 11.4, MDEV-31855): a client that cannot verify the server's
 * certificate (Strata's is self-signed) lets the handshake go on, authenticates with a plugin whose
 * exchange never reveals the password (mysql_native_password), and accepts the connection only if the
 * final OK packet proves that the server both knows the password and owns the certificate the client saw:
 *
 * <pre>
 * OK info (length-encoded string) = 0x01 (SHA-256)
 *                                   || hex(SHA-256(passwordHash || scramble || certificateFingerprint))
 *   passwordHash           = SHA1(SHA1(password))               (mysql_native_password's stored hash)
 *   scramble               = the 20-byte nonce of the server greeting
 *   certificateFingerprint = SHA-256 of the leaf certificate's DER encoding (32 bytes)
 *   hex                    = upper-case hexadecimal, as MariaDB Connector/J compares it
 * </pre>
 *
 * A man in the middle presents another certificate, so the digest the client computes differs and it closes
 * the connection. Clients that do not check ignore the OK's info.
 *
 * @see <a href="https://mariadb.com/docs/server/security/encryption/data-in-transit-encryption/zero-configuration-ssl">Zero-Configuration SSL</a>
 * @see <a href="https://mariadb.com/docs/server/reference/clientserver-protocol/1-connecting/connection">Connecting: Zero-Configuration SSL Encryption</a>
 */
public final class ZeroConfigTls {
    /** The algorithm byte that starts the proof: SHA-256, the only one defined. */
    static final byte SHA256 = 0x01;

    private ZeroConfigTls() {}

    /** The OK packet info proving knowledge of {@code password} and ownership of {@code certificate}. */
    public static byte[] proof(String password, byte[] scramble, Certificate certificate) {
        byte[] stage1 = Scrambles.digest("SHA-1", password.getBytes(StandardCharsets.UTF_8));
        byte[] passwordHash = Scrambles.digest("SHA-1", stage1);
        byte[] hex = HexFormat.of().withUpperCase()
                .formatHex(Scrambles.digest("SHA-256", passwordHash, scramble, fingerprint(certificate)))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[1 + hex.length];
        out[0] = SHA256;
        System.arraycopy(hex, 0, out, 1, hex.length);
        return out;
    }

    /** SHA-256 of the certificate's DER encoding. */
    static byte[] fingerprint(Certificate certificate) {
        try {
            return Scrambles.digest("SHA-256", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the server certificate", e);
        }
    }

    /**
     * True if the client announces itself (connection attributes) as one of MariaDB's clients, which check
     * the proof: MariaDB Connector/J (3.4 and later check) and libmariadb, the C library of the mariadb
     * command-line tools (3.4 and later).
     */
    public static boolean mariaDbClient(Map<String, String> connectAttributes) {
        String name = connectAttributes.getOrDefault("_client_name", "");
        return name.equals("MariaDB Connector/J") || name.equals("libmariadb");
    }

}
