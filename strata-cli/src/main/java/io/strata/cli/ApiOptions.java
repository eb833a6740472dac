package io.strata.cli;

import io.strata.client.StrataClient;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.URI;

/**
 * Options every API verb shares: {@code --api URL} (after the verb, else before it, else STRATA_API, else the
 * local default) and {@code --json}. Keys come from STRATA_ACCESS_KEY_ID and STRATA_SECRET_ACCESS_KEY, else from
 * STRATA_API_ACCESS_KEY and STRATA_API_SECRET_KEY (what `strata server` reads), else the local test/test keys.
 */
final class ApiOptions {
    static final String DEFAULT_API = StrataClient.DEFAULT_API;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--api", paramLabel = "URL", description = "The Strata API (default: $STRATA_API or " + DEFAULT_API + ").")
    String api;

    @Option(names = "--json", description = "Print the API's result as JSON, with the API's field names.")
    boolean json;

    /** The top-level command's options ({@code strata --api URL ...}), or null when run without it. */
    private StrataCli root() {
        Object user = spec.root().userObject();
        return user instanceof StrataCli cli ? cli : null;
    }

    boolean json() {
        StrataCli root = root();
        return json || root != null && root.json;
    }

    /** The API's address: --api after the verb, else before it, else STRATA_API, else the local default. */
    String apiUrl() {
        StrataCli root = root();
        String given = api != null ? api : root != null ? root.api : null;
        return given != null ? given : System.getenv().getOrDefault("STRATA_API", DEFAULT_API);
    }

    StrataClient client() {
        String url = apiUrl();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--api " + url + " is not a URL: use e.g. " + DEFAULT_API);
        }
        if (uri.getHost() == null || !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("--api " + url + " is not an http(s) URL: use e.g. " + DEFAULT_API);
        }
        String id = env("STRATA_ACCESS_KEY_ID", ServerSettings.ACCESS_KEY_ENV);
        String secret = env("STRATA_SECRET_ACCESS_KEY", ServerSettings.SECRET_KEY_ENV);
        return StrataClient.create(uri, id == null ? "test" : id, secret == null ? "test" : secret);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) {
            v = System.getenv(fallback);
        }
        return v == null || v.isEmpty() ? null : v;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
