package io.strata.protocol;

/**
 * Authentication plugins the server implements.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_authentication_methods.html">Authentication Methods</a>
 */
public enum AuthPlugin {
    CACHING_SHA2_PASSWORD("caching_sha2_password"),
    MYSQL_NATIVE_PASSWORD("mysql_native_password");

    private final String pluginName;

    AuthPlugin(String pluginName) {
        this.pluginName = pluginName;
    }

    public String pluginName() {
        return pluginName;
    }

    /** The plugin with this protocol name, or null. */
    public static AuthPlugin byName(String name) {
        for (AuthPlugin p : values()) if (p.pluginName.equals(name)) return p;
        return null;
    }
}
