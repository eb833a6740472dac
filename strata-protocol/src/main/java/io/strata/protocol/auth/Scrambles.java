package io.strata.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Password scrambles: what a client sends for a given password and server nonce.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_authentication_methods_native_password_authentication.html">Native Authentication</a>
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_caching_sha2_authentication_exchanges.html">caching_sha2_password</a>
 */
public final class Scrambles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Scrambles() {}

    /** 20 random printable, non-NUL bytes. */
    public static byte[] nonce() {
        byte[] b = new byte[20];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (33 + RANDOM.nextInt(94));
        return b;
    }

    /** SHA1(password) XOR SHA1(nonce + SHA1(SHA1(password))). */
    public static byte[] nativePassword(String password, byte[] nonce) {
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        byte[] stage1 = digest("SHA-1", p);
        byte[] stage2 = digest("SHA-1", stage1);
        return xor(stage1, digest("SHA-1", nonce, stage2));
    }

    /** SHA256(password) XOR SHA256(SHA256(SHA256(password)) + nonce). */
    public static byte[] cachingSha2(String password, byte[] nonce) {
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        byte[] stage1 = digest("SHA-256", p);
        byte[] stage2 = digest("SHA-256", stage1);
        return xor(stage1, digest("SHA-256", stage2, nonce));
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (byte) (a[i] ^ b[i % b.length]);
        return out;
    }

    /** The {@code alg} digest of the parts, in order. */
    static byte[] digest(String alg, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(alg);
            for (byte[] part : parts) md.update(part);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
