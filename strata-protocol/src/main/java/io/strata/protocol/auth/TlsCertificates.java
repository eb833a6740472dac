package io.strata.protocol.auth;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.strata.protocol.TlsConfig;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the server {@link SslContext}: from configured PEM files, or from a self-signed certificate
 * generated at first start (kept in memory, or written to a directory and reused on later starts).
 */
public final class TlsCertificates {
    static final String CERT_FILE = "server-cert.pem";
    static final String KEY_FILE = "server-key.pem";

    private TlsCertificates() {}

    public static SslContext context(TlsConfig config) throws IOException {
        if (config.certificate() != null) {
            return SslContextBuilder.forServer(config.certificate().toFile(), config.privateKey().toFile()).build();
        }
        if (config.directory() != null) {
            Path cert = config.directory().resolve(CERT_FILE);
            Path key = config.directory().resolve(KEY_FILE);
            if (!Files.exists(cert) || !Files.exists(key)) {
                Files.createDirectories(config.directory());
                SelfSigned s = generate();
                Files.writeString(key, pem(new JcaPKCS8Generator(s.keys().getPrivate(), null)), StandardCharsets.US_ASCII);
                Files.writeString(cert, pem(s.certificate()), StandardCharsets.US_ASCII);
            }
            return SslContextBuilder.forServer(cert.toFile(), key.toFile()).build();
        }
        SelfSigned s = generate();
        return SslContextBuilder.forServer(s.keys().getPrivate(), s.certificate()).build();
    }

    record SelfSigned(KeyPair keys, X509Certificate certificate) {}

    static SelfSigned generate() throws SSLException {
        try {
            KeyPair keys = RsaKeys.generate();
            X500Name name = new X500Name("CN=Strata_Server_Auto_Generated_Certificate");
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    keys.getPublic());
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
            return new SelfSigned(keys, cert);
        } catch (Exception e) {
            throw new SSLException("cannot generate a self-signed certificate", e);
        }
    }

    private static String pem(Object o) throws IOException {
        Writer sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        }
        return sw.toString();
    }
}
