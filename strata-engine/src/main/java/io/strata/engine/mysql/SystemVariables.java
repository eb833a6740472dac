package io.strata.engine.mysql;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * MySQL system variables of one session: MySQL 8.0 defaults overlaid with the endpoint's GLOBAL values (SET
 * GLOBAL, kept in the endpoint's {@link SessionRegistry}) and the values the client SET for its session.
 * Unknown variables read as NULL and may be SET (stored, without effect) so that clients never fail on a
 * variable Strata does not model.
 *
 * <p>Concurrency: the session part is used by the session's thread only; the GLOBAL part is a concurrent map
 * shared by the endpoint's sessions.
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/server-system-variables.html">System variables</a>
 */
public final class SystemVariables {
    public static final String VERSION = "8.0.36-strata";
    private static final Map<String, Object> DEFAULTS = new TreeMap<>();

    static {
        Object[] kv = {
            "auto_increment_increment", 1L, "auto_increment_offset", 1L, "autocommit", 1L,
            "character_set_client", "utf8mb4", "character_set_connection", "utf8mb4",
            "character_set_database", "utf8mb4", "character_set_filesystem", "binary",
            "character_set_results", "utf8mb4", "character_set_server", "utf8mb4", "character_set_system", "utf8mb3",
            "collation_connection", "utf8mb4_0900_ai_ci", "collation_database", "utf8mb4_0900_ai_ci",
            "collation_server", "utf8mb4_0900_ai_ci", "init_connect", "", "interactive_timeout", 28800L,
            "license", "GPL", "lower_case_table_names", 1L, "max_allowed_packet", 1073741824L,
            "net_buffer_length", 16384L, "net_read_timeout", 30L, "net_write_timeout", 60L,
            "performance_schema", 0L, "query_cache_size", 0L, "query_cache_type", "OFF",
            "sql_mode", "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                    + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION",
            "system_time_zone", "UTC", "time_zone", "SYSTEM", "transaction_isolation", "REPEATABLE-READ",
            "transaction_read_only", 0L, "wait_timeout", 28800L, "version", VERSION,
            "version_comment", "Strata (MySQL-compatible test database)", "version_compile_os", "Linux",
            "version_compile_machine", "x86_64", "protocol_version", 10L, "sql_auto_is_null", 0L,
            "sql_select_limit", "18446744073709551615", "max_execution_time", 0L, "innodb_lock_wait_timeout", 50L,
            "lock_wait_timeout", 31536000L, "foreign_key_checks", 1L, "unique_checks", 1L, "sql_notes", 1L,
            "sql_warnings", 0L, "sql_safe_updates", 0L, "sql_quote_show_create", 1L, "default_storage_engine", "InnoDB",
            "default_tmp_storage_engine", "InnoDB", "have_ssl", "YES", "have_openssl", "YES", "event_scheduler", "OFF",
            "gtid_mode", "OFF", "enforce_gtid_consistency", "OFF", "server_id", 1L, "log_bin", 0L,
            "binlog_format", "ROW", "explicit_defaults_for_timestamp", 1L,
            "default_authentication_plugin", "caching_sha2_password", "max_connections", 151L,
            "div_precision_increment", 4L, "group_concat_max_len", 1024L, "have_query_cache", "NO",
            "sql_require_primary_key", 0L, "information_schema_stats_expiry", 86400L, "max_sort_length", 1024L,
            "long_query_time", "10.000000", "old_passwords", 0L, "read_only", 0L, "super_read_only", 0L,
            "innodb_strict_mode", 1L, "innodb_file_per_table", 1L, "innodb_autoinc_lock_mode", 2L,
            "tls_version", "TLSv1.2,TLSv1.3", "timestamp", null, "profiling", 0L, "big_tables", 0L,
            "block_encryption_mode", "aes-128-ecb", "cte_max_recursion_depth", 1000L, "hostname", "strata",
            "port", 3306L, "socket", "", "datadir", "/var/lib/mysql/", "basedir", "/usr/",
            "completion_type", "NO_CHAIN", "optimizer_switch", "", "range_optimizer_max_mem_size", 8388608L,
        };
        for (int i = 0; i < kv.length; i += 2) DEFAULTS.put((String) kv[i], kv[i + 1]);
    }

    /** Variables a client may read but not SET (error 1238). */
    private static final java.util.Set<String> READ_ONLY = java.util.Set.of("version", "version_comment",
            "version_compile_os", "version_compile_machine", "protocol_version", "port", "socket", "datadir",
            "basedir", "hostname", "have_ssl", "have_openssl", "have_query_cache", "license", "lower_case_table_names",
            "system_time_zone", "character_set_system", "log_bin", "innodb_file_per_table", "innodb_autoinc_lock_mode");
    /** Variables that exist only globally: SET SESSION of them is error 1229. */
    private static final java.util.Set<String> GLOBAL_ONLY = java.util.Set.of("max_connections", "read_only",
            "super_read_only", "event_scheduler", "gtid_mode", "enforce_gtid_consistency", "server_id",
            "default_authentication_plugin", "performance_schema", "query_cache_size", "query_cache_type");
    /** Variables that exist only per session: SET GLOBAL of them is error 1228. */
    private static final java.util.Set<String> SESSION_ONLY = java.util.Set.of("timestamp", "warning_count",
            "error_count", "identity", "last_insert_id", "insert_id", "pseudo_thread_id", "transaction_read_only_once");
    /** Stands for NULL in the endpoint's concurrent map of GLOBAL values. */
    private static final Object NULL = new Object();

    /** The endpoint's SET GLOBAL values (shared by its sessions); see {@link SessionRegistry#globals()}. */
    private final Map<String, Object> globals;
    private final Map<String, Object> session = new TreeMap<>();

    /** Variables of a session without an endpoint (tests): GLOBAL values are its own. */
    public SystemVariables() {
        this(new java.util.concurrent.ConcurrentHashMap<>());
    }

    /**
     * Variables of a new session of an endpoint: the session values start as the endpoint's GLOBAL values,
     * as a MySQL session's do when it connects.
     */
    SystemVariables(Map<String, Object> globals) {
        this.globals = globals;
        startFromGlobals();
    }

    private void startFromGlobals() {
        session.clear();
        for (Map.Entry<String, Object> e : globals.entrySet()) session.put(e.getKey(), e.getValue() == NULL ? null : e.getValue());
    }

    /** Canonical lowercase name (handles the tx_* aliases). */
    public static String canonical(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "tx_isolation" -> "transaction_isolation";
            case "tx_read_only" -> "transaction_read_only";
            case "storage_engine" -> "default_storage_engine";
            default -> n;
        };
    }

    public Object get(String name) {
        String n = canonical(name);
        return session.containsKey(n) ? session.get(n) : DEFAULTS.get(n);
    }

    /** MySQL 8.0's default of a variable (null if Strata does not know it). */
    static Object defaultValue(String name) {
        return DEFAULTS.get(canonical(name));
    }

    public Object getGlobal(String name) {
        String n = canonical(name);
        Object v = globals.get(n);
        return v == NULL ? null : v != null ? v : DEFAULTS.get(n);
    }

    public void set(String name, Object value) {
        session.put(canonical(name), value);
    }

    /** SET GLOBAL: the value new sessions of the endpoint start with; this session's value is unchanged. */
    public void setGlobal(String name, Object value) {
        globals.put(canonical(name), value == null ? NULL : value);
    }

    /**
     * Checks that {@code name} may be SET in this scope.
     *
     * @throws java.sql.SQLException 1238 for a read-only variable, 1229 for SET SESSION of a global-only one,
     *     1228 for SET GLOBAL of a session-only one
     */
    static void checkSettable(String name, boolean global) throws java.sql.SQLException {
        String n = canonical(name);
        if (READ_ONLY.contains(n)) {
            throw MySqlErrors.error(1238, "HY000", "Variable '" + n + "' is a read only variable");
        }
        if (!global && GLOBAL_ONLY.contains(n)) {
            throw MySqlErrors.error(1229, "HY000", "Variable '" + n + "' is a GLOBAL variable and should be set with SET GLOBAL");
        }
        if (global && SESSION_ONLY.contains(n)) {
            throw MySqlErrors.error(1228, "HY000", "Variable '" + n + "' is a SESSION variable and can't be used with SET GLOBAL");
        }
    }

    /** COM_RESET_CONNECTION: the session values become the endpoint's GLOBAL values again. */
    public void reset() {
        startFromGlobals();
    }

    /** All variables with the session's values, sorted by name. */
    public Map<String, Object> all() {
        Map<String, Object> m = new TreeMap<>(DEFAULTS);
        m.putAll(session);
        return m;
    }

    /** All variables with their GLOBAL values, sorted by name (SHOW GLOBAL VARIABLES). */
    public Map<String, Object> allGlobal() {
        Map<String, Object> m = new TreeMap<>(DEFAULTS);
        for (Map.Entry<String, Object> e : globals.entrySet()) m.put(e.getKey(), e.getValue() == NULL ? null : e.getValue());
        return m;
    }
}
