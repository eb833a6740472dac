package io.strata.client;

import io.strata.client.wire.Shape;
import io.strata.client.wire.SigV4;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The RDS Query protocol as a client speaks it: one form-encoded, SigV4-signed {@code POST /} per action
 * ({@code Action=...&Version=2014-10-31&...}), answered with {@code <ActionResponse><ActionResult>...} or RDS
 * error XML. Returns the {@code ActionResult} element as a {@link Shape}; errors become {@link StrataApiException}s.
 *
 * <p>Thread-safe: one instance may serve any number of threads (the JDK's HttpClient is).
 */
final class Transport {
    public static final String VERSION = "2014-10-31";
    public static final String REGION = "us-east-1";
    private final URI api;
    private final String accessKey;
    private final String secretKey;
    private final HttpClient http;

    Transport(URI api, String accessKey, String secretKey) {
        if (api.getHost() == null || !"http".equals(api.getScheme()) && !"https".equals(api.getScheme())) {
            throw new IllegalArgumentException("the Strata API address " + api + " is not an http(s) URL:"
                    + " use e.g. http://127.0.0.1:4510");
        }
        this.api = api;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI api() {
        return api;
    }

    /** Calls {@code action} with the given parameters (insertion order kept; null values are left out). */
    Shape call(String action, Map<String, String> params) {
        List<String> pairs = new ArrayList<>();
        pairs.add("Action=" + encode(action));
        pairs.add("Version=" + VERSION);
        params.forEach((k, v) -> {
            if (v != null) {
                pairs.add(encode(k) + "=" + encode(v));
            }
        });
        byte[] body = String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
        String path = api.getRawPath() == null || api.getRawPath().isEmpty() ? "/" : api.getRawPath();
        String host = api.getPort() < 0 ? api.getHost() : api.getHost() + ":" + api.getPort();
        String[] auth = SigV4.signPost(accessKey, secretKey, REGION, host, path, body, Instant.now());
        HttpRequest req = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Amz-Date", auth[0]).header("Authorization", auth[1])
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> resp = send(req);
        Shape root = parse(resp.body());
        if (root.name().equals("ErrorResponse")) {
            Shape error = root.child("Error").orElse(root);
            throw StrataApiException.of(error.get("Code"), error.get("Message"), resp.statusCode(), root.get("RequestId"));
        }
        return root.child(action + "Result").orElseThrow(() -> new StrataUnavailableException("unexpected answer from "
                + api + ": no " + action + "Result (is it a Strata API?)", null));
    }

    private HttpResponse<byte[]> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new StrataUnavailableException("cannot reach the Strata API at " + api
                    + ": start it with `strata server`, or point --api / STRATA_API at it", e);
        } catch (IOException e) {
            throw new StrataUnavailableException("the Strata API at " + api + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StrataUnavailableException("interrupted while calling the Strata API at " + api, e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Shape parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return toShape(b.parse(new ByteArrayInputStream(xml)).getDocumentElement());
        } catch (Exception e) {
            throw new StrataUnavailableException("the answer from " + api + " is not RDS XML (is it a Strata API?): "
                    + e.getMessage(), e);
        }
    }

    private static Shape toShape(Element e) {
        List<Shape> children = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                children.add(toShape(child));
            }
        }
        return new Shape(e.getTagName(), children.isEmpty() ? e.getTextContent() : "", children);
    }
}
