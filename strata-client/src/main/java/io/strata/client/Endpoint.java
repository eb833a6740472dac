package io.strata.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a cluster answers MySQL: host, port and master user (the API never returns passwords).
 */
public record Endpoint(String host, int port, String user) {

    /**
     * A MySQL Connector/J URL for {@code database} ("" for none), with the password if one is given. The
     * endpoint's TLS certificate is self-signed, so the URL asks for plain TCP and lets the driver fetch the
     * server's RSA key for caching_sha2_password.
     */
    public String jdbcUrl(String database, String password) {
        String h = host.contains(":") ? "[" + host + "]" : host;
        StringBuilder url = new StringBuilder("jdbc:mysql://").append(h).append(':').append(port).append('/')
                .append(database == null ? "" : database)
                .append("?user=").append(URLEncoder.encode(user, StandardCharsets.UTF_8));
        if (password != null) {
            url.append("&password=").append(URLEncoder.encode(password, StandardCharsets.UTF_8));
        }
        return url.append("&useSSL=false&allowPublicKeyRetrieval=true").toString();
    }
}
