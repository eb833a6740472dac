package io.strata.engine.mysql;

import java.util.Locale;
import java.util.Map;

/**
 * MySQL's INFORMATION_SCHEMA tables as H2 queries over H2's INFORMATION_SCHEMA, with MySQL's columns
 * (ENGINE, COLUMN_TYPE, COLUMN_KEY, REFERENCED_TABLE_NAME, ...) and values ('def' catalog, 'PRIMARY', MySQL
 * type names). {@link Rewriter} substitutes {@code information_schema.X} by {@code (query) AS X}. Tables not
 * listed here are H2's own.
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/information-schema.html">INFORMATION_SCHEMA tables</a>
 */
final class InformationSchema {
    private InformationSchema() {}

    private static final String DATA_TYPE = "CASE UPPER(c.DATA_TYPE) WHEN 'INTEGER' THEN 'int' WHEN 'BIGINT' THEN 'bigint'"
            + " WHEN 'SMALLINT' THEN 'smallint' WHEN 'TINYINT' THEN 'tinyint' WHEN 'BOOLEAN' THEN 'tinyint'"
            + " WHEN 'NUMERIC' THEN 'decimal' WHEN 'DECIMAL' THEN 'decimal' WHEN 'DECFLOAT' THEN 'decimal'"
            + " WHEN 'DOUBLE PRECISION' THEN 'double' WHEN 'REAL' THEN 'float'"
            + " WHEN 'CHARACTER VARYING' THEN CASE WHEN c.CHARACTER_MAXIMUM_LENGTH >= 16777216 THEN 'longtext'"
            + "   WHEN c.CHARACTER_MAXIMUM_LENGTH > 65535 THEN 'mediumtext' ELSE 'varchar' END"
            + " WHEN 'CHARACTER' THEN 'char' WHEN 'CHARACTER LARGE OBJECT' THEN 'longtext'"
            + " WHEN 'BINARY VARYING' THEN CASE WHEN c.CHARACTER_MAXIMUM_LENGTH > 65535 THEN 'longblob' ELSE 'varbinary' END"
            + " WHEN 'BINARY' THEN 'binary' WHEN 'BINARY LARGE OBJECT' THEN 'longblob' WHEN 'DATE' THEN 'date'"
            + " WHEN 'TIME' THEN 'time' WHEN 'TIMESTAMP' THEN 'datetime' WHEN 'TIMESTAMP WITH TIME ZONE' THEN 'timestamp'"
            + " WHEN 'JSON' THEN 'json' ELSE LOWER(c.DATA_TYPE) END";

    private static final String COLUMN_TYPE = "CASE UPPER(c.DATA_TYPE) WHEN 'BOOLEAN' THEN 'tinyint(1)'"
            + " WHEN 'NUMERIC' THEN 'decimal(' || c.NUMERIC_PRECISION || ',' || c.NUMERIC_SCALE || ')'"
            + " WHEN 'DECIMAL' THEN 'decimal(' || c.NUMERIC_PRECISION || ',' || c.NUMERIC_SCALE || ')'"
            + " WHEN 'CHARACTER VARYING' THEN CASE WHEN c.CHARACTER_MAXIMUM_LENGTH > 65535 THEN " + DATA_TYPE
            + "   ELSE 'varchar(' || c.CHARACTER_MAXIMUM_LENGTH || ')' END"
            + " WHEN 'CHARACTER' THEN 'char(' || c.CHARACTER_MAXIMUM_LENGTH || ')'"
            + " WHEN 'BINARY VARYING' THEN CASE WHEN c.CHARACTER_MAXIMUM_LENGTH > 65535 THEN 'longblob'"
            + "   ELSE 'varbinary(' || c.CHARACTER_MAXIMUM_LENGTH || ')' END"
            + " WHEN 'BINARY' THEN 'binary(' || c.CHARACTER_MAXIMUM_LENGTH || ')'"
            + " WHEN 'TIMESTAMP' THEN CASE WHEN c.DATETIME_PRECISION > 0 THEN 'datetime(' || c.DATETIME_PRECISION || ')'"
            + "   ELSE 'datetime' END ELSE " + DATA_TYPE + " END";

    private static final String IS_TEXT = "UPPER(c.DATA_TYPE) IN ('CHARACTER VARYING', 'CHARACTER', 'CHARACTER LARGE OBJECT')";

    private static final String COLUMN_KEY = "COALESCE((SELECT CASE WHEN MAX(CASE WHEN i.INDEX_TYPE_NAME = 'PRIMARY KEY'"
            + " THEN 1 ELSE 0 END) = 1 THEN 'PRI' WHEN MAX(CASE WHEN i.INDEX_TYPE_NAME LIKE 'UNIQUE%' THEN 1 ELSE 0 END) = 1"
            + " THEN 'UNI' ELSE 'MUL' END FROM INFORMATION_SCHEMA.INDEX_COLUMNS ic JOIN INFORMATION_SCHEMA.INDEXES i"
            + " ON i.INDEX_SCHEMA = ic.INDEX_SCHEMA AND i.INDEX_NAME = ic.INDEX_NAME WHERE ic.TABLE_SCHEMA = c.TABLE_SCHEMA"
            + " AND ic.TABLE_NAME = c.TABLE_NAME AND ic.COLUMN_NAME = c.COLUMN_NAME HAVING COUNT(*) > 0), '')";

    private static final String INDEX_NAME = "CASE WHEN i.INDEX_TYPE_NAME = 'PRIMARY KEY' THEN 'PRIMARY'"
            + " WHEN i.INDEX_NAME LIKE 'CONSTRAINT_INDEX_%' THEN ic.COLUMN_NAME ELSE "
            + DdlRewriter.demangleSql("REGEXP_REPLACE(COALESCE(tc.CONSTRAINT_NAME, i.INDEX_NAME), '_INDEX_[A-Z0-9]+$', '')",
            "i.TABLE_NAME") + " END";

    private static final Map<String, String> TABLES = Map.of(
        "TABLES", "SELECT 'def' AS table_catalog, LOWER(t.TABLE_SCHEMA) AS table_schema, t.TABLE_NAME AS table_name,"
            + " CASE WHEN t.TABLE_TYPE = 'VIEW' THEN 'VIEW' WHEN LOWER(t.TABLE_SCHEMA) = 'information_schema'"
            + " THEN 'SYSTEM VIEW' ELSE 'BASE TABLE' END AS table_type, CASE WHEN t.TABLE_TYPE = 'VIEW' THEN NULL"
            + " ELSE 'InnoDB' END AS engine, 10 AS version, 'Dynamic' AS row_format, CAST(0 AS BIGINT) AS table_rows,"
            + " CAST(0 AS BIGINT) AS avg_row_length, CAST(16384 AS BIGINT) AS data_length, CAST(0 AS BIGINT)"
            + " AS max_data_length, CAST(0 AS BIGINT) AS index_length, CAST(0 AS BIGINT) AS data_free,"
            + " CAST(NULL AS BIGINT) AS auto_increment, CAST(NULL AS TIMESTAMP) AS create_time, CAST(NULL AS TIMESTAMP)"
            + " AS update_time, CAST(NULL AS TIMESTAMP) AS check_time, 'utf8mb4_0900_ai_ci' AS table_collation,"
            + " CAST(NULL AS BIGINT) AS checksum, '' AS create_options, CASE WHEN t.TABLE_TYPE = 'VIEW' THEN 'VIEW'"
            + " ELSE COALESCE(t.REMARKS, '') END AS table_comment" // a view's remarks hold its MySQL text (ViewCommands)
            + " FROM INFORMATION_SCHEMA.TABLES t WHERE LOWER(t.TABLE_SCHEMA) <> 'public'",
        "COLUMNS", "SELECT 'def' AS table_catalog, LOWER(c.TABLE_SCHEMA) AS table_schema, c.TABLE_NAME AS table_name,"
            + " c.COLUMN_NAME AS column_name, c.ORDINAL_POSITION AS ordinal_position, CASE WHEN c.IS_IDENTITY = 'YES'"
            + " THEN NULL WHEN LEFT(c.COLUMN_DEFAULT, 1) = '''' THEN REPLACE(SUBSTRING(c.COLUMN_DEFAULT, 2,"
            + " CHAR_LENGTH(c.COLUMN_DEFAULT) - 2), '''''', '''') ELSE c.COLUMN_DEFAULT END AS column_default,"
            + " CASE WHEN EXISTS (SELECT 1 FROM " + io.strata.engine.mysql.triggers.TriggerCatalog.NOT_NULL + " nn WHERE"
            + " nn.table_schema = c.TABLE_SCHEMA AND nn.table_name = c.TABLE_NAME AND nn.column_name = LOWER(c.COLUMN_NAME))"
            + " THEN 'NO' ELSE c.IS_NULLABLE END AS is_nullable, " + DATA_TYPE + " AS data_type, c.CHARACTER_MAXIMUM_LENGTH AS"
            + " character_maximum_length, c.CHARACTER_OCTET_LENGTH AS character_octet_length, CASE UPPER(c.DATA_TYPE) WHEN 'INTEGER' THEN 10"
            + " WHEN 'BIGINT' THEN 19 WHEN 'SMALLINT' THEN 5 WHEN 'TINYINT' THEN 3 ELSE c.NUMERIC_PRECISION END AS"
            + " numeric_precision, c.NUMERIC_SCALE AS numeric_scale, c.DATETIME_PRECISION AS datetime_precision,"
            + " CASE WHEN " + IS_TEXT + " THEN 'utf8mb4' END AS character_set_name, CASE WHEN " + IS_TEXT
            + " THEN 'utf8mb4_0900_ai_ci' END AS collation_name, " + COLUMN_TYPE + " AS column_type, " + COLUMN_KEY
            + " AS column_key, CASE WHEN c.IS_IDENTITY = 'YES' THEN 'auto_increment' ELSE '' END AS extra,"
            + " 'select,insert,update,references' AS privileges, COALESCE(c.REMARKS, '') AS column_comment,"
            + " '' AS generation_expression, CAST(NULL AS INT) AS srs_id FROM INFORMATION_SCHEMA.COLUMNS c",
        "SCHEMATA", "SELECT 'def' AS catalog_name, LOWER(SCHEMA_NAME) AS schema_name, 'utf8mb4' AS"
            + " default_character_set_name, 'utf8mb4_0900_ai_ci' AS default_collation_name, CAST(NULL AS VARCHAR)"
            + " AS sql_path, 'NO' AS default_encryption FROM INFORMATION_SCHEMA.SCHEMATA WHERE LOWER(SCHEMA_NAME) <> 'public'",
        "STATISTICS", "SELECT 'def' AS table_catalog, LOWER(i.TABLE_SCHEMA) AS table_schema, i.TABLE_NAME AS table_name,"
            + " CASE WHEN i.INDEX_TYPE_NAME IN ('PRIMARY KEY', 'UNIQUE INDEX') THEN 0 ELSE 1 END AS non_unique,"
            + " LOWER(i.TABLE_SCHEMA) AS index_schema, " + INDEX_NAME + " AS index_name, ic.ORDINAL_POSITION AS"
            + " seq_in_index, ic.COLUMN_NAME AS column_name, 'A' AS collation, CAST(0 AS BIGINT) AS cardinality,"
            + " CAST(NULL AS BIGINT) AS sub_part, CAST(NULL AS VARCHAR) AS packed, '' AS nullable, 'BTREE' AS index_type,"
            + " '' AS comment, '' AS index_comment, 'YES' AS is_visible, CAST(NULL AS VARCHAR) AS expression"
            + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS ic ON ic.INDEX_SCHEMA ="
            + " i.INDEX_SCHEMA AND ic.INDEX_NAME = i.INDEX_NAME LEFT JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc"
            + " ON tc.INDEX_SCHEMA = i.INDEX_SCHEMA AND tc.INDEX_NAME = i.INDEX_NAME AND tc.CONSTRAINT_TYPE IN"
            + " ('PRIMARY KEY', 'UNIQUE')",
        "TABLE_CONSTRAINTS", "SELECT 'def' AS constraint_catalog, LOWER(tc.CONSTRAINT_SCHEMA) AS constraint_schema,"
            + " CASE WHEN tc.CONSTRAINT_TYPE = 'PRIMARY KEY' THEN 'PRIMARY' ELSE "
            + DdlRewriter.demangleSql("tc.CONSTRAINT_NAME", "tc.TABLE_NAME") + " END AS"
            + " constraint_name, LOWER(tc.TABLE_SCHEMA) AS table_schema, tc.TABLE_NAME AS table_name,"
            + " tc.CONSTRAINT_TYPE AS constraint_type, 'YES' AS enforced FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc",
        "KEY_COLUMN_USAGE", "SELECT 'def' AS constraint_catalog, LOWER(k.CONSTRAINT_SCHEMA) AS constraint_schema,"
            + " CASE WHEN tc.CONSTRAINT_TYPE = 'PRIMARY KEY' THEN 'PRIMARY' ELSE "
            + DdlRewriter.demangleSql("k.CONSTRAINT_NAME", "k.TABLE_NAME") + " END AS"
            + " constraint_name, 'def' AS table_catalog, LOWER(k.TABLE_SCHEMA) AS table_schema, k.TABLE_NAME AS"
            + " table_name, k.COLUMN_NAME AS column_name, k.ORDINAL_POSITION AS ordinal_position,"
            + " k.POSITION_IN_UNIQUE_CONSTRAINT AS position_in_unique_constraint, LOWER(ru.TABLE_SCHEMA) AS"
            + " referenced_table_schema, ru.TABLE_NAME AS referenced_table_name, ru.COLUMN_NAME AS"
            + " referenced_column_name FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k JOIN"
            + " INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc ON tc.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND"
            + " tc.CONSTRAINT_NAME = k.CONSTRAINT_NAME LEFT JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc ON"
            + " rc.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND rc.CONSTRAINT_NAME = k.CONSTRAINT_NAME LEFT JOIN"
            + " INFORMATION_SCHEMA.KEY_COLUMN_USAGE ru ON ru.CONSTRAINT_SCHEMA = rc.UNIQUE_CONSTRAINT_SCHEMA AND"
            + " ru.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME AND ru.ORDINAL_POSITION = k.POSITION_IN_UNIQUE_CONSTRAINT",
        "REFERENTIAL_CONSTRAINTS", "SELECT 'def' AS constraint_catalog, LOWER(rc.CONSTRAINT_SCHEMA) AS"
            + " constraint_schema, rc.CONSTRAINT_NAME AS constraint_name, 'def' AS unique_constraint_catalog,"
            + " LOWER(rc.UNIQUE_CONSTRAINT_SCHEMA) AS unique_constraint_schema, rc.UNIQUE_CONSTRAINT_NAME AS"
            + " unique_constraint_name, 'NONE' AS match_option, rc.UPDATE_RULE AS update_rule, rc.DELETE_RULE AS"
            + " delete_rule, tc.TABLE_NAME AS table_name, utc.TABLE_NAME AS referenced_table_name FROM"
            + " INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc ON"
            + " tc.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = rc.CONSTRAINT_NAME LEFT JOIN"
            + " INFORMATION_SCHEMA.TABLE_CONSTRAINTS utc ON utc.CONSTRAINT_SCHEMA = rc.UNIQUE_CONSTRAINT_SCHEMA AND"
            + " utc.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME",
        "ROUTINES", "SELECT r.routine_name AS specific_name, 'def' AS routine_catalog, r.routine_schema AS"
            + " routine_schema, r.routine_name AS routine_name, r.routine_type AS routine_type, CAST(NULL AS VARCHAR) AS"
            + " data_type, CAST(NULL AS VARCHAR) AS dtd_identifier, 'SQL' AS routine_body, r.definition AS"
            + " routine_definition, CAST(NULL AS VARCHAR) AS external_name, 'NO' AS is_deterministic, 'CONTAINS SQL' AS"
            + " sql_data_access, 'DEFINER' AS security_type, r.created AS created, r.created AS last_altered, '"
            + TriggerCommands.SQL_MODE + "' AS sql_mode, '' AS routine_comment, r.definer AS definer FROM "
            + io.strata.engine.mysql.triggers.TriggerCatalog.ROUTINES + " r",
        // MySQL manual 28.3.45 The INFORMATION_SCHEMA TRIGGERS Table; the H2 trigger is the authority
        "TRIGGERS", "SELECT 'def' AS trigger_catalog, s.trigger_schema AS trigger_schema, s.trigger_name AS"
            + " trigger_name, s.event_manipulation AS event_manipulation, 'def' AS event_object_catalog,"
            + " s.trigger_schema AS event_object_schema, h.EVENT_OBJECT_TABLE AS event_object_table, CAST(1 AS BIGINT) AS"
            + " action_order, CAST(NULL AS VARCHAR) AS action_condition, s.action_statement AS action_statement, 'ROW' AS"
            + " action_orientation, s.action_timing AS action_timing, CAST(NULL AS VARCHAR) AS"
            + " action_reference_old_table, CAST(NULL AS VARCHAR) AS action_reference_new_table, 'OLD' AS"
            + " action_reference_old_row, 'NEW' AS action_reference_new_row, s.created AS created, '"
            + TriggerCommands.SQL_MODE + "' AS sql_mode, s.definer AS definer, 'utf8mb4' AS character_set_client,"
            + " 'utf8mb4_0900_ai_ci' AS collation_connection, 'utf8mb4_0900_ai_ci' AS database_collation FROM "
            + io.strata.engine.mysql.triggers.TriggerCatalog.TRIGGERS + " s JOIN INFORMATION_SCHEMA.TRIGGERS h ON"
            + " h.TRIGGER_SCHEMA = s.trigger_schema AND h.TRIGGER_NAME = s.trigger_name WHERE s.trigger_name NOT LIKE"
            + " 'strata$notnull$%'",
        "EVENTS", empty("event_catalog", "event_schema", "event_name", "definer", "event_type", "status",
            "event_definition", "interval_value", "interval_field"));

    private static final Map<String, String> MORE = Map.of(
        // MySQL manual 28.3.48 The INFORMATION_SCHEMA VIEWS Table: the MySQL text kept by ViewCommands
        "VIEWS", "SELECT 'def' AS table_catalog, LOWER(v.TABLE_SCHEMA) AS table_schema, v.TABLE_NAME AS table_name,"
            + " COALESCE(NULLIF(t.REMARKS, ''), v.VIEW_DEFINITION) AS view_definition, 'NONE' AS check_option,"
            + " 'YES' AS is_updatable, 'root@%' AS definer, 'DEFINER' AS security_type, 'utf8mb4' AS"
            + " character_set_client, 'utf8mb4_0900_ai_ci' AS collation_connection FROM INFORMATION_SCHEMA.VIEWS v"
            + " JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = v.TABLE_SCHEMA AND t.TABLE_NAME = v.TABLE_NAME"
            + " WHERE LOWER(v.TABLE_SCHEMA) NOT IN ('public', 'information_schema')",
        "PARAMETERS", empty("specific_catalog", "specific_schema", "specific_name", "ordinal_position",
            "parameter_mode", "parameter_name", "data_type", "dtd_identifier", "routine_type"),
        "FILES", empty("file_id", "file_name", "file_type", "tablespace_name", "logfile_group_name", "engine",
            "extra", "total_extents", "initial_size"),
        "PLUGINS", empty("plugin_name", "plugin_version", "plugin_status", "plugin_type", "plugin_library"),
        "KEYWORDS", Keywords.QUERY);

    private static String empty(String... columns) {
        StringBuilder sb = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.length; i++) {
            sb.append(i == 0 ? "" : ", ").append("CAST(NULL AS VARCHAR) AS ").append(columns[i]);
        }
        return sb.append(" FROM (VALUES (1)) AS e(x) WHERE 1 = 0").toString();
    }

    private static final java.util.regex.Pattern ALIAS = java.util.regex.Pattern.compile(" AS ([a-z][a-z_]*)\\b");

    /**
     * The MySQL-compatible query for an INFORMATION_SCHEMA table, or null to use H2's table as is. Column
     * labels are upper case, as in MySQL 8.
     */
    static String query(String table) {
        String t = table.toUpperCase(Locale.ROOT);
        String q = TABLES.get(t);
        if (q == null) q = MORE.get(t);
        return q == null ? null : ALIAS.matcher(q).replaceAll(m -> " AS \"" + m.group(1).toUpperCase(Locale.ROOT) + "\"");
    }
}
