package io.strata.cli;

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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of Strata's RDS-compatible API: form-encoded, SigV4-signed POSTs; returns the {@code <ActionResult>}
 * element of the response, or throws {@link ApiException} with the API's error code and message.
 */
final class ApiClient {
    static final String VERSION = "2014-10-31";
    private final URI api;
    private final String accessKey;
    private final String secretKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(URI api, String accessKey, String secretKey) {
        this.api = api;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** A refused request: the API's error code and message. */
    static final class ApiException extends RuntimeException {
        final String code;

        ApiException(String code, String message) {
            super(message + " (" + code + ")");
            this.code = code;
        }
    }

    /** Calls {@code action} with parameters given as name, value pairs (null values are left out). */
    ApiNode call(String action, String... params) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", action);
        form.put("Version", VERSION);
        for (int i = 0; i < params.length; i += 2) {
            if (params[i + 1] != null) {
                form.put(params[i], params[i + 1]);
            }
        }
        List<String> pairs = new ArrayList<>();
        form.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        byte[] body = String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
        String path = api.getRawPath() == null || api.getRawPath().isEmpty() ? "/" : api.getRawPath();
        String host = api.getPort() < 0 ? api.getHost() : api.getHost() + ":" + api.getPort();
        String[] auth = io.strata.api.SigV4.signPost(accessKey, secretKey, "us-east-1", host, path, body, Instant.now());
        HttpRequest req = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Amz-Date", auth[0]).header("Authorization", auth[1])
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new IllegalStateException("cannot reach the Strata API at " + api
                    + ": start it with `strata server`, or point --api / STRATA_API at it");
        } catch (IOException e) {
            throw new IllegalStateException("the Strata API at " + api + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        ApiNode root = parse(resp.body());
        if (root.name().equals("ErrorResponse")) {
            ApiNode error = root.child("Error").orElse(root);
            throw new ApiException(error.get("Code"), error.get("Message"));
        }
        return root.child(action + "Result").orElseThrow(() ->
                new IllegalStateException("unexpected answer from " + api + ": no " + action + "Result (is it a Strata API?)"));
    }

    private ApiNode parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return toNode(b.parse(new ByteArrayInputStream(xml)).getDocumentElement());
        } catch (Exception e) {
            throw new IllegalStateException("the answer from " + api + " is not RDS XML (is --api a Strata API?): " + e.getMessage());
        }
    }

    private static ApiNode toNode(Element e) {
        List<ApiNode> children = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                children.add(toNode(child));
            }
        }
        return new ApiNode(e.getTagName(), children.isEmpty() ? e.getTextContent() : "", List.copyOf(children));
    }
}
