package io.strata.protocol.auth;

import io.strata.protocol.AuthPlugin;
import io.strata.protocol.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;

/**
 * The authentication exchange of one connection, as a state machine over client payloads. Each step
 * returns the payloads to send (AuthSwitchRequest, AuthMoreData) and whether the exchange succeeded,
 * failed or continues; the caller sends the final OK or ERR.
 *
 * <p>{@code caching_sha2_password}: a correct scramble gets fast_auth_success, unless full authentication is
 * forced, in which case the client must send the password in clear over TLS or RSA-encrypted with the
 * server's public key (which it may request).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase.html">Connection Phase</a>
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_caching_sha2_authentication_exchanges.html">caching_sha2_password exchanges</a>
 */
public final class Authenticator {
    /** Outcome of a step. */
    public enum Status { CONTINUE, SUCCESS, FAILURE }

    /** Payloads to send, then the status. */
    public record Step(List<byte[]> send, Status status) {
        static Step of(Status s, byte[]... send) {
            return new Step(List.of(send), s);
        }
    }

    private enum State { INITIAL, SWITCHED, FULL_AUTH, RSA }

    private final Credentials credentials;
    private final byte[] nonce;
    private final boolean tls;
    private final KeyPair rsa;
    private final boolean forceFullAuth;
    private final boolean zeroConfigClient;
    private State state = State.INITIAL;
    private AuthPlugin plugin;
    private boolean passwordUsed;

    public Authenticator(Credentials credentials, byte[] nonce, boolean tls, KeyPair rsa, boolean forceFullAuth) {
        this(credentials, nonce, tls, rsa, forceFullAuth, false);
    }

    /**
     * @param zeroConfigClient the client checks MariaDB's zero-configuration TLS proof ({@link ZeroConfigTls}):
     *     over TLS it keeps mysql_native_password even for a caching_sha2_password account, whose full
     *     authentication would send it the password in clear over a TLS connection it cannot verify
     */
    public Authenticator(Credentials credentials, byte[] nonce, boolean tls, KeyPair rsa, boolean forceFullAuth,
                         boolean zeroConfigClient) {
        this.credentials = credentials;
        this.nonce = nonce;
        this.tls = tls;
        this.rsa = rsa;
        this.forceFullAuth = forceFullAuth;
        this.zeroConfigClient = zeroConfigClient;
    }

    /** The plugin the exchange settled on (after a switch), or null before {@link #start}. */
    public AuthPlugin plugin() {
        return plugin;
    }

    public boolean passwordUsed() {
        return passwordUsed;
    }

    /** The HandshakeResponse's user, auth data and plugin name (null if the client sent none). */
    public Step start(String user, byte[] auth, String clientPlugin) {
        passwordUsed = auth.length > 0;
        if (!credentials.user().equals(user)) return Step.of(Status.FAILURE);
        AuthPlugin client = AuthPlugin.byName(clientPlugin == null ? "mysql_native_password" : clientPlugin);
        AuthPlugin wanted = credentials.plugin() != null ? credentials.plugin() : client != null ? client
                : AuthPlugin.CACHING_SHA2_PASSWORD;
        if (wanted == AuthPlugin.CACHING_SHA2_PASSWORD && client == AuthPlugin.MYSQL_NATIVE_PASSWORD && tls
                && zeroConfigClient) {
            wanted = AuthPlugin.MYSQL_NATIVE_PASSWORD;
        }
        if (client != wanted) {
            plugin = wanted;
            state = State.SWITCHED;
            byte[] req = concat(new byte[] {(byte) 0xFE}, (wanted.pluginName() + "\0").getBytes(StandardCharsets.US_ASCII),
                    nonce, new byte[] {0});
            return Step.of(Status.CONTINUE, req);
        }
        plugin = client;
        return verify(auth);
    }

    /** A later client payload (auth switch response, RSA key request, password). */
    public Step next(byte[] data) {
        switch (state) {
            case SWITCHED:
                passwordUsed = data.length > 0;
                return verify(data);
            case FULL_AUTH:
                if (data.length == 1 && data[0] == 2 && rsa != null) {
                    state = State.RSA;
                    return Step.of(Status.CONTINUE, concat(new byte[] {1}, RsaKeys.pem(rsa.getPublic())));
                }
                if (!tls) return Step.of(Status.FAILURE); // cleartext only over TLS
                return Step.of(matches(stripNul(data)) ? Status.SUCCESS : Status.FAILURE);
            case RSA:
                try {
                    Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
                    c.init(Cipher.DECRYPT_MODE, rsa.getPrivate());
                    byte[] plain = Scrambles.xor(c.doFinal(data), nonce);
                    return Step.of(matches(stripNul(plain)) ? Status.SUCCESS : Status.FAILURE);
                } catch (Exception e) {
                    return Step.of(Status.FAILURE);
                }
            default:
                return Step.of(Status.FAILURE);
        }
    }

    private Step verify(byte[] auth) {
        String pw = credentials.password();
        if (pw.isEmpty()) {
            return Step.of(auth.length == 0 || (auth.length == 1 && auth[0] == 0) ? Status.SUCCESS : Status.FAILURE);
        }
        if (plugin == AuthPlugin.MYSQL_NATIVE_PASSWORD) {
            return Step.of(MessageDigest.isEqual(auth, Scrambles.nativePassword(pw, nonce)) ? Status.SUCCESS
                    : Status.FAILURE);
        }
        boolean ok = MessageDigest.isEqual(auth, Scrambles.cachingSha2(pw, nonce));
        if (ok && !forceFullAuth) {
            return Step.of(Status.SUCCESS, new byte[] {1, 3});
        }
        if (!ok && auth.length != 32 && auth.length != 0) return Step.of(Status.FAILURE);
        state = State.FULL_AUTH;
        return Step.of(Status.CONTINUE, new byte[] {1, 4});
    }

    private boolean matches(String password) {
        return MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                credentials.password().getBytes(StandardCharsets.UTF_8));
    }

    private static String stripNul(byte[] b) {
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) n--;
        return new String(Arrays.copyOf(b, n), StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
