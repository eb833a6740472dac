package io.strata.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.protocol.AuthPlugin;
import io.strata.protocol.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private final byte[] nonce = Scrambles.nonce();

    @Test
    void cachingSha2FastPath() {
        Authenticator a = new Authenticator(Credentials.of("u", "pw"), nonce, false, null, false);
        Authenticator.Step s = a.start("u", Scrambles.cachingSha2("pw", nonce), "caching_sha2_password");
        assertThat(s.status()).isEqualTo(Authenticator.Status.SUCCESS);
        assertThat(s.send()).containsExactly(new byte[] {1, 3});
    }

    @Test
    void wrongScrambleFails() {
        // like MySQL on a cache miss: a wrong caching_sha2 scramble leads to full authentication, which fails
        Authenticator a = new Authenticator(Credentials.of("u", "pw"), nonce, true, null, false);
        Authenticator.Step s = a.start("u", Scrambles.cachingSha2("nope", nonce), "caching_sha2_password");
        assertThat(s.send()).containsExactly(new byte[] {1, 4});
        assertThat(a.next("nope\0".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(Authenticator.Status.FAILURE);
        a = new Authenticator(Credentials.of("u", "pw"), nonce, false, null, false);
        assertThat(a.start("u", Scrambles.nativePassword("nope", nonce), "mysql_native_password").status())
                .isEqualTo(Authenticator.Status.FAILURE);
    }

    @Test
    void switchToNativeThenVerify() {
        Authenticator a = new Authenticator(new Credentials("u", "pw", AuthPlugin.MYSQL_NATIVE_PASSWORD, false), nonce,
                false, null, false);
        Authenticator.Step s = a.start("u", Scrambles.cachingSha2("pw", nonce), "caching_sha2_password");
        assertThat(s.status()).isEqualTo(Authenticator.Status.CONTINUE);
        assertThat(s.send().get(0)[0]).isEqualTo((byte) 0xFE);
        assertThat(new String(s.send().get(0), StandardCharsets.US_ASCII)).contains("mysql_native_password");
        assertThat(a.next(Scrambles.nativePassword("pw", nonce)).status()).isEqualTo(Authenticator.Status.SUCCESS);
    }

    @Test
    void fullAuthWithRsa() throws Exception {
        KeyPair rsa = RsaKeys.generate();
        Authenticator a = new Authenticator(new Credentials("u", "pw", null, true), nonce, false, rsa, true);
        Authenticator.Step s = a.start("u", Scrambles.cachingSha2("pw", nonce), "caching_sha2_password");
        assertThat(s.send()).containsExactly(new byte[] {1, 4});
        s = a.next(new byte[] {2});
        assertThat(new String(s.send().get(0), StandardCharsets.US_ASCII)).contains("BEGIN PUBLIC KEY");
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        c.init(Cipher.ENCRYPT_MODE, rsa.getPublic());
        byte[] enc = c.doFinal(Scrambles.xor("pw\0".getBytes(StandardCharsets.UTF_8), nonce));
        assertThat(a.next(enc).status()).isEqualTo(Authenticator.Status.SUCCESS);
    }

    @Test
    void cleartextRefusedWithoutTls() {
        Authenticator a = new Authenticator(new Credentials("u", "pw", null, true), nonce, false, null, true);
        a.start("u", Scrambles.cachingSha2("pw", nonce), "caching_sha2_password");
        assertThat(a.next("pw\0".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(Authenticator.Status.FAILURE);
        Authenticator t = new Authenticator(new Credentials("u", "pw", null, true), nonce, true, null, true);
        t.start("u", Scrambles.cachingSha2("pw", nonce), "caching_sha2_password");
        assertThat(t.next("pw\0".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(Authenticator.Status.SUCCESS);
    }
}
