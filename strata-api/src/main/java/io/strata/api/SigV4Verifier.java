package io.strata.api;

import io.strata.client.wire.SigV4;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
 * Signature=...}) as the SigV4 specification defines it: canonical request, string to sign, derived signing
 * key, HMAC-SHA256. A request must be signed for service "rds" within 15 minutes of the server's clock.
 */
final class SigV4Verifier {
    static final String ALGORITHM = SigV4.ALGORITHM;
    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,\\s*"
                    + "SignedHeaders=([a-z0-9;\\-_.]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");
    static final DateTimeFormatter AMZ_DATE = SigV4.AMZ_DATE;
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private final Credentials credentials;

    SigV4Verifier(Credentials credentials) {
        this.credentials = credentials;
    }

    /** A request as signed: method, raw (still encoded) path and query, headers by lower-case name, body. */
    record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** Returns the access key id that signed the request, or throws the RDS error for what is wrong. */
    String verify(SignedRequest req) {
        String auth = req.header("authorization");
        if (auth == null) {
            throw new ApiError("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
        }
        Matcher m = AUTH.matcher(auth.trim());
        if (!m.matches()) {
            throw new ApiError("IncompleteSignature", 403, "Authorization header requires Credential, SignedHeaders and"
                    + " Signature parameters, signed with " + ALGORITHM + ".");
        }
        String keyId = m.group(1);
        String date = m.group(2);
        String region = m.group(3);
        String service = m.group(4);
        String signedHeaders = m.group(5);
        String secret = credentials.secretOf(keyId).orElseThrow(() ->
                new ApiError("InvalidClientTokenId", 403, "The security token included in the request is invalid."));
        String amzDate = req.header("x-amz-date");
        Instant signedAt = parseDate(amzDate);
        if (!amzDate.startsWith(date) || !service.equals("rds")) {
            throw mismatch("Credential should be scoped to a valid date and to the service rds.");
        }
        if (Duration.between(signedAt, Instant.now()).abs().compareTo(MAX_SKEW) > 0) {
            throw mismatch("Signature expired: " + amzDate + " is more than 15 minutes from the server's time "
                    + AMZ_DATE.format(Instant.now()) + ".");
        }
        List<String> names = List.of(signedHeaders.split(";"));
        if (!names.contains("host")) {
            throw mismatch("The host header must be signed.");
        }
        byte[] expected = SigV4.signature(secret, amzDate, region, service, canonicalRequest(req, names));
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(m.group(6)))) {
            throw mismatch("The request signature we calculated does not match the signature you provided. Check your"
                    + " AWS Secret Access Key and signing method.");
        }
        return keyId;
    }

    static String canonicalRequest(SignedRequest req, List<String> signedHeaders) {
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = req.headers().get(name);
            if (values == null) {
                throw mismatch("Signed header " + name + " is missing from the request.");
            }
            List<String> trimmed = new ArrayList<>();
            values.forEach(v -> trimmed.add(v.trim().replaceAll("\\s+", " ")));
            headers.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        String payloadHash = SigV4.hex(SigV4.sha256(req.body()));
        return req.method() + "\n" + canonicalUri(req.rawPath()) + "\n" + canonicalQuery(req.rawQuery()) + "\n"
                + headers + "\n" + String.join(";", signedHeaders) + "\n" + payloadHash;
    }

    /** Each path segment URI-encoded (again: services other than S3 double-encode the path). */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder b = new StringBuilder();
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(encode(segments[i]));
        }
        return b.toString();
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String p : rawQuery.split("&")) {
            int eq = p.indexOf('=');
            String k = decode(eq < 0 ? p : p.substring(0, eq));
            String v = eq < 0 ? "" : decode(p.substring(eq + 1));
            pairs.add(new String[] {encode(k), encode(v)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> out = new ArrayList<>();
        pairs.forEach(p -> out.add(p[0] + "=" + p[1]));
        return String.join("&", out);
    }

    /** SigV4's URI encoding: unreserved characters as they are, every other byte as %XX (upper-case hex). */
    static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                b.append(c);
            } else {
                b.append('%').append(String.format(Locale.ROOT, "%02X", x & 0xff));
            }
        }
        return b.toString();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw mismatch("Malformed query string.");
        }
    }

    private static Instant parseDate(String amzDate) {
        if (amzDate == null) {
            throw new ApiError("IncompleteSignature", 403, "The X-Amz-Date header is required with " + ALGORITHM + ".");
        }
        try {
            return AMZ_DATE.parse(amzDate, Instant::from);
        } catch (DateTimeParseException e) {
            throw new ApiError("IncompleteSignature", 403, "X-Amz-Date must look like 20240501T120000Z; got " + amzDate + ".");
        }
    }

    private static ApiError mismatch(String message) {
        return new ApiError("SignatureDoesNotMatch", 403, message);
    }
}
