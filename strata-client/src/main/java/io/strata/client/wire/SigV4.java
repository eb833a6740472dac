package io.strata.client.wire;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * AWS Signature Version 4 primitives, the one implementation in Strata: the client signs its form POSTs with
 * {@link #signPost}, and the server's verifier (strata-api's {@code SigV4Verifier}) recomputes
 * {@link #signature} over the canonical request it rebuilds.
 */
public final class SigV4 {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SigV4() {
    }

    /** The signature of {@code canonicalRequest}, for scope {@code date/region/service/aws4_request}. */
    public static byte[] signature(String secret, String amzDate, String region, String service, String canonicalRequest) {
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return hmac(key, toSign);
    }

    /**
     * Signs a POST of {@code body} to {@code path} on {@code host} for service rds, signing the host and
     * x-amz-date headers. Returns the headers to send: {@code [x-amz-date, authorization]}.
     */
    public static String[] signPost(String accessKey, String secretKey, String region, String host, String path,
                                    byte[] body, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String canonical = "POST\n" + path + "\n\n" + "host:" + host + "\n" + "x-amz-date:" + amzDate + "\n\n"
                + "host;x-amz-date\n" + hex(sha256(body));
        String scope = amzDate.substring(0, 8) + "/" + region + "/rds/aws4_request";
        String auth = ALGORITHM + " Credential=" + accessKey + "/" + scope + ", SignedHeaders=host;x-amz-date, Signature="
                + hex(signature(secretKey, amzDate, region, "rds", canonical));
        return new String[] {amzDate, auth};
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
