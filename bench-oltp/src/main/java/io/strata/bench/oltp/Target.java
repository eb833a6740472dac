package io.strata.bench.oltp;

import java.util.Objects;

/**
 * A server under test: a short display name and the Connector/J URL used to reach it.
 *
 * @param name display name used in the result table (e.g. {@code mariadb}, {@code strata})
 * @param url  JDBC URL, e.g. {@code jdbc:mysql://127.0.0.1:13306/sbtest?user=bench&password=bench}
 */
public record Target(String name, String url) {

  /** Validates both parts. */
  public Target {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    if (name.isBlank()) {
      throw new IllegalArgumentException("target name is empty");
    }
    if (!url.startsWith("jdbc:mysql:")) {
      throw new IllegalArgumentException("target " + name + ": URL must start with jdbc:mysql: but was " + url);
    }
  }

  /**
   * Parses the {@code --target} argument form {@code name=jdbc:mysql://...}. Only the first {@code =} separates
   * the name, so the URL may carry {@code ?user=..&password=..}.
   *
   * @param spec the argument value
   * @return the target
   */
  public static Target parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("--target must be name=jdbc:mysql://..., was: " + spec);
    }
    return new Target(spec.substring(0, eq).trim(), spec.substring(eq + 1).trim());
  }

  /** @return the URL with any password value masked, for printing. */
  public String redactedUrl() {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
