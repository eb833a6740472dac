package io.strata.cli;

import io.strata.client.StrataClient;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/**
 * Options every API verb shares: {@code --api URL} (else STRATA_API, else the local default) and {@code --json}.
 * Keys come from STRATA_ACCESS_KEY_ID and STRATA_SECRET_ACCESS_KEY, else the local test/test keys.
 */
final class ApiOptions {
    static final String DEFAULT_API = StrataClient.DEFAULT_API;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--api", paramLabel = "URL", description = "The Strata API (default: $STRATA_API or " + DEFAULT_API + ").")
    String api;

    @Option(names = "--json", description = "Print the API's result as JSON, with the API's field names.")
    boolean json;

    /** The API's address: --api, else STRATA_API, else the local default. */
    String apiUrl() {
        return api != null ? api : System.getenv().getOrDefault("STRATA_API", DEFAULT_API);
    }

    StrataClient client() {
        return StrataClient.create(apiUrl());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
