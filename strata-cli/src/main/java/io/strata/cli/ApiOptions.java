package io.strata.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.URI;

/**
 * Options every API verb shares: {@code --api URL} (else STRATA_API, else the local default) and {@code --json}.
 * Keys come from STRATA_ACCESS_KEY_ID and STRATA_SECRET_ACCESS_KEY, else the local test/test keys.
 */
final class ApiOptions {
    static final String DEFAULT_API = "http://127.0.0.1:4510";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--api", paramLabel = "URL", description = "The Strata API (default: $STRATA_API or " + DEFAULT_API + ").")
    String api;

    @Option(names = "--json", description = "Print the API's result as JSON, with the API's field names.")
    boolean json;

    ApiClient client() {
        String url = api != null ? api : System.getenv().getOrDefault("STRATA_API", DEFAULT_API);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--api " + url + " is not a URL: use e.g. " + DEFAULT_API);
        }
        if (uri.getHost() == null || !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("--api " + url + " is not an http(s) URL: use e.g. " + DEFAULT_API);
        }
        return new ApiClient(uri, System.getenv().getOrDefault("STRATA_ACCESS_KEY_ID", "test"),
                System.getenv().getOrDefault("STRATA_SECRET_ACCESS_KEY", "test"));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
