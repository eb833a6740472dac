package io.strata.bench;

import io.strata.client.wire.SigV4;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal client of Strata's RDS Query API for the benchmark: SigV4-signed form POSTs (the local test/test
 * keys), answers as XML text. What an SDK does on the wire, without the SDK's own start-up in the figures.
 */
final class RdsApi {
    private final URI url;
    private final HttpClient http = HttpClient.newHttpClient();

    RdsApi(String url) {
        this.url = URI.create(url);
    }

    /** Calls {@code action} with name, value pairs; returns the response XML, or throws with the API's error. */
    String call(String action, String... params) throws IOException, InterruptedException {
        List<String> pairs = new ArrayList<>(List.of("Action=" + action, "Version=2014-10-31"));
        for (int i = 0; i < params.length; i += 2) {
            pairs.add(URLEncoder.encode(params[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        byte[] body = String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
        String[] auth = SigV4.signPost("test", "test", "us-east-1", url.getHost() + ":" + url.getPort(), "/", body, Instant.now());
        HttpRequest req = HttpRequest.newBuilder(url.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Amz-Date", auth[0]).header("Authorization", auth[1])
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IllegalStateException(action + " failed (" + resp.statusCode() + "): " + resp.body());
        }
        return resp.body();
    }

    /** The text of the first {@code <name>} element of an answer. */
    static String field(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + xml);
        }
        return m.group(1);
    }
}
