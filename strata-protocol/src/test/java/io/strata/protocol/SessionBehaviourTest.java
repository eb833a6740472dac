package io.strata.protocol;

import static io.strata.protocol.JdbcDriversTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.protocol.TestServer.Client;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MySQL session behaviour over the wire: SHOW, variables, databases, KILL, dump idioms, unsupported features. */
class SessionBehaviourTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<List<String>> rows(Statement s, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void databasesAreSchemas() throws Exception {
        // MariaDB Connector/J: Connector/J re-selects a Statement's original database before each query
        try (Connection c = server.connect(Client.MARIADB, "", ""); Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT DATABASE()")).containsExactly(java.util.Collections.singletonList(null));
            s.execute("CREATE DATABASE shop");
            s.execute("CREATE DATABASE IF NOT EXISTS shop");
            assertError(() -> s.execute("CREATE DATABASE shop"), 1007, "HY000");
            assertThat(rows(s, "SHOW DATABASES")).contains(List.of("app"), List.of("shop"), List.of("information_schema"));
            s.execute("USE shop");
            assertThat(rows(s, "SELECT DATABASE()")).containsExactly(List.of("shop"));
            s.execute("CREATE TABLE items (id INT PRIMARY KEY)");
            assertThat(rows(s, "SHOW TABLES")).containsExactly(List.of("items"));
            c.setCatalog("app"); // COM_INIT_DB or USE
            assertThat(rows(s, "SELECT DATABASE()")).containsExactly(List.of("app"));
            assertThat(rows(s, "SELECT COUNT(*) FROM shop.items")).containsExactly(List.of("0"));
            assertError(() -> s.execute("USE nowhere"), 1049, "42000");
            s.execute("DROP DATABASE shop");
            assertError(() -> s.executeQuery("SELECT * FROM shop.items"), 1049, "42000"); // MySQL: 1146
        }
    }

    @Test
    void showStatements() throws Exception {
        try (Connection c = server.connect(Client.MYSQL); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE show_t (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL DEFAULT 'x',"
                    + " price DECIMAL(10,2), UNIQUE KEY show_t_name (name), KEY show_t_price (price))");
            assertThat(rows(s, "SHOW TABLES LIKE 'show%'")).containsExactly(List.of("show_t"));
            assertThat(rows(s, "SHOW FULL TABLES")).contains(List.of("show_t", "BASE TABLE"));
            assertThat(rows(s, "SHOW COLUMNS FROM show_t")).extracting(r -> r.get(0) + " " + r.get(1))
                    .containsExactly("id int", "name varchar(40)", "price decimal(10,2)");
            List<List<String>> cols = rows(s, "DESCRIBE show_t");
            assertThat(cols).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3) + " " + r.get(5))
                    .containsExactly("id int NO PRI auto_increment", "name varchar(40) NO UNI ", "price decimal(10,2) YES MUL ");
            assertThat(cols.get(1).get(4)).isEqualTo("x");
            assertThat(rows(s, "SHOW INDEX FROM show_t")).extracting(r -> r.get(2) + ":" + r.get(4) + ":" + r.get(1))
                    .containsExactlyInAnyOrder("PRIMARY:id:0", "show_t_name:name:0", "show_t_price:price:1");
            String ddl = rows(s, "SHOW CREATE TABLE show_t").get(0).get(1);
            assertThat(ddl).startsWith("CREATE TABLE `show_t`").contains("`id` int NOT NULL AUTO_INCREMENT")
                    .contains("PRIMARY KEY (`id`)").contains("UNIQUE KEY `show_t_name` (`name`)").contains("ENGINE=InnoDB");
            s.execute("DROP TABLE show_t");
            s.execute(ddl); // SHOW CREATE TABLE output is executable
            assertThat(rows(s, "SHOW VARIABLES LIKE 'max_allowed_packet'")).containsExactly(
                    List.of("max_allowed_packet", "1073741824"));
            assertThat(rows(s, "SHOW SESSION VARIABLES WHERE Variable_name IN ('autocommit', 'sql_mode')"))
                    .extracting(r -> r.get(0)).containsExactly("autocommit", "sql_mode");
            assertThat(rows(s, "SHOW WARNINGS")).isEmpty();
            assertThat(rows(s, "SHOW STATUS LIKE 'Threads_connected'")).hasSize(1);
            assertThat(rows(s, "SHOW ENGINES")).isNotEmpty();
            assertError(() -> s.executeQuery("SHOW COLUMNS FROM missing_table"), 1146, "42S02");
        }
    }

    @Test
    void systemAndUserVariables() throws Exception {
        try (Connection c = server.connect(Client.MARIADB); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT @@version, @@session.auto_increment_increment, @@global.max_connections,"
                    + " @@sql_mode")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("8.0");
                assertThat(rs.getInt(2)).isEqualTo(1);
                assertThat(rs.getInt(3)).isEqualTo(151);
                assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("@@session.auto_increment_increment");
            }
            s.execute("SET SESSION sql_mode = 'ANSI_QUOTES', @my := 41, @@session.wait_timeout = 77");
            s.execute("SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci");
            assertThat(rows(s, "SELECT @@sql_mode, @my + 1, @@wait_timeout, @@collation_connection")).containsExactly(
                    List.of("ANSI_QUOTES", "42", "77", "utf8mb4_unicode_ci"));
            s.execute("SET sql_mode = DEFAULT");
            assertThat(rows(s, "SELECT @@sql_mode").get(0).get(0)).contains("STRICT_TRANS_TABLES");
            s.execute("SET autocommit = 0");
            assertThat(c.getAutoCommit()).isFalse();
            s.execute("SET autocommit = 1");
            assertThat(rows(s, "SELECT @@autocommit")).containsExactly(List.of("1"));
            assertThat(rows(s, "SELECT CONNECTION_ID() > 0, VERSION() LIKE '8.0%'")).containsExactly(List.of("1", "1"));
        }
    }

    @Test
    void dumpIdiomsAreAccepted() throws Exception {
        try (Connection c = server.connect(Client.MYSQL, "app", "allowMultiQueries=true"); Statement s = c.createStatement()) {
            s.execute("/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
                    + "/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;\n"
                    + "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n"
                    + "/*!40103 SET TIME_ZONE='+00:00' */;\n"
                    + "DROP TABLE IF EXISTS `dumped`;\n"
                    + "/*!40101 SET @saved_cs_client     = @@character_set_client */;\n"
                    + "CREATE TABLE `dumped` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `note` varchar(100) DEFAULT NULL,\n"
                    + "  PRIMARY KEY (`id`)\n) ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;\n"
                    + "LOCK TABLES `dumped` WRITE;\n/*!40000 ALTER TABLE `dumped` DISABLE KEYS */;\n"
                    + "INSERT INTO `dumped` VALUES (1,'it\\'s'),(2,'line\\nbreak');\n"
                    + "/*!40000 ALTER TABLE `dumped` ENABLE KEYS */;\nUNLOCK TABLES;\n"
                    + "/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;\n"
                    + "/*!99999 THIS IS NOT EXECUTED */;");
            assertThat(rows(s, "SELECT note FROM dumped ORDER BY id")).containsExactly(List.of("it's"), List.of("line\nbreak"));
            assertThat(rows(s, "SELECT @@unique_checks, @@sql_mode LIKE '%STRICT%'")).containsExactly(List.of("1", "1"));
        }
    }

    @Test
    void triggersRunRoutinesAreKeptButNotRunEventsAreRejected() throws Exception {
        try (Connection c = server.connect(Client.MYSQL); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE trg_t (id INT PRIMARY KEY, a INT)");
            s.execute("CREATE DEFINER=`root`@`%` TRIGGER trg BEFORE INSERT ON trg_t FOR EACH ROW SET NEW.a = NEW.id + 1");
            s.execute("INSERT INTO trg_t (id) VALUES (41)");
            assertThat(rows(s, "SELECT a FROM trg_t")).containsExactly(List.of("42"));
            s.execute("CREATE PROCEDURE p() BEGIN SELECT 1; END");
            assertThat((Object) s.getWarnings()).as("warning 1235").isNotNull();
            s.execute("CREATE FUNCTION f() RETURNS INT RETURN 1");
            assertThatThrownBy(() -> s.execute("CALL p()")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1235));
            assertThatThrownBy(() -> s.execute("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO SELECT 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Strata does not support 'CREATE EVENT")
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1235));
            s.execute("DROP PROCEDURE IF EXISTS p");
            s.execute("DROP FUNCTION f");
            s.execute("DROP TRIGGER IF EXISTS trg");
            s.execute("INSERT INTO trg_t (id) VALUES (1)");
            assertThat(rows(s, "SELECT a FROM trg_t WHERE id = 1")).containsExactly(java.util.Arrays.asList((String) null));
        }
    }

    @Test
    void processlistAndKill() throws Exception {
        try (Connection a = server.connect(Client.MYSQL); Connection b = server.connect(Client.MARIADB);
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            long bId = Long.parseLong(rows(sb, "SELECT CONNECTION_ID()").get(0).get(0));
            assertThat(rows(sa, "SHOW PROCESSLIST")).extracting(r -> r.get(0)).contains(String.valueOf(bId));
            sa.execute("KILL QUERY " + bId); // nothing running: no effect
            assertThat(rows(sb, "SELECT 2")).containsExactly(List.of("2"));
            sa.execute("KILL " + bId);
            assertThatThrownBy(() -> sb.executeQuery("SELECT 3")).isInstanceOf(SQLException.class);
            assertError(() -> sa.execute("KILL 999999"), 1094, "HY000");
            assertThat(rows(sa, "SELECT 4")).containsExactly(List.of("4"));
        }
    }

    @Test
    void connectorJMetadata() throws Exception {
        try (Connection c = server.connect(Client.MYSQL); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta_t (id BIGINT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(20))");
            DatabaseMetaData md = c.getMetaData();
            assertThat(md.getDatabaseProductVersion()).startsWith("8.0");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables("app", null, "meta%", new String[] {"TABLE"})) {
                while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
            }
            assertThat(tables).containsExactly("meta_t");
            List<String> cols = new ArrayList<>();
            try (ResultSet rs = md.getColumns("app", null, "meta_t", "%")) {
                while (rs.next()) cols.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
            }
            assertThat(cols).containsExactly("id:BIGINT", "label:VARCHAR");
            assertThat(rows(s, "SELECT TABLE_NAME, ENGINE, TABLE_TYPE FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'meta_t'")).containsExactly(
                    List.of("meta_t", "InnoDB", "BASE TABLE"));
            assertThat(rows(s, "SELECT c.COLUMN_NAME, c.COLUMN_TYPE, c.COLUMN_KEY, c.EXTRA FROM INFORMATION_SCHEMA.COLUMNS c"
                    + " WHERE c.TABLE_SCHEMA = 'app' AND c.TABLE_NAME = 'meta_t' ORDER BY c.ORDINAL_POSITION"))
                    .containsExactly(List.of("id", "bigint", "PRI", "auto_increment"), List.of("label", "varchar(20)", "", ""));
            assertThat(rows(s, "SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = 'app'"))
                    .containsExactly(List.of("0"));
            try (ResultSet rs = md.getPrimaryKeys("app", null, "meta_t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
            }
        }
    }

    /**
     * SET GLOBAL changes the endpoint's value, which sessions opened later start with; the session that set it
     * keeps its own (MySQL manual 7.1.9). Another endpoint is not affected.
     */
    @Test
    void setGlobalReachesNewSessionsOfTheEndpoint() throws Exception {
        try (Connection a = server.connect(Client.MYSQL); Statement s = a.createStatement()) {
            try {
                s.execute("SET GLOBAL sql_mode = 'ANSI_QUOTES', group_concat_max_len = 4096, max_sort_length = 2048");
                s.execute("SET GLOBAL TRANSACTION ISOLATION LEVEL READ COMMITTED");
                assertThat(rows(s, "SELECT @@sql_mode, @@global.sql_mode, @@group_concat_max_len, @@global.group_concat_max_len"))
                        .containsExactly(List.of("ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                                + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION", "ANSI_QUOTES", "1024", "4096"));
                for (Client client : new Client[] {Client.MYSQL, Client.MARIADB}) {
                    try (Connection b = server.connect(client); Statement t = b.createStatement()) {
                        // (Connector/J sets sql_mode itself when it connects: max_sort_length shows the global value)
                        assertThat(rows(t, "SELECT @@max_sort_length, @@group_concat_max_len, @@transaction_isolation"))
                                .containsExactly(List.of("2048", "4096", "READ-COMMITTED"));
                        assertThat(b.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
                        assertThat(rows(t, "SHOW GLOBAL VARIABLES LIKE 'group_concat_max_len'"))
                                .containsExactly(List.of("group_concat_max_len", "4096"));
                    }
                }
                try (TestServer other = new TestServer(); Connection o = other.connect(Client.MYSQL);
                     Statement t = o.createStatement()) {
                    assertThat(rows(t, "SELECT @@global.group_concat_max_len")).containsExactly(List.of("1024"));
                }
            } finally {
                s.execute("SET GLOBAL sql_mode = DEFAULT, group_concat_max_len = DEFAULT, max_sort_length = DEFAULT,"
                        + " transaction_isolation = DEFAULT");
            }
            try (Connection b = server.connect(Client.MYSQL); Statement t = b.createStatement()) {
                assertThat(rows(t, "SELECT @@group_concat_max_len, @@transaction_isolation"))
                        .containsExactly(List.of("1024", "REPEATABLE-READ"));
            }
            assertError(() -> s.execute("SET version = 'x'"), 1238, "HY000");
            assertError(() -> s.execute("SET SESSION max_connections = 10"), 1229, "HY000");
            assertError(() -> s.execute("SET GLOBAL warning_count = 1"), 1228, "HY000");
        }
    }

    /**
     * SELECT SLEEP(n) waits, and KILL QUERY from another session ends the wait: SLEEP returns 1 and the query no
     * error (MySQL manual 14.24, SLEEP()).
     */
    @Test
    void sleepEndsOnKillQuery() throws Exception {
        for (Client client : new Client[] {Client.MYSQL, Client.MARIADB_PS}) {
            try (Connection sleeper = server.connect(client); Connection killer = server.connect(Client.MYSQL);
                 Statement k = killer.createStatement()) {
                assertThat(rows(sleeper.createStatement(), "SELECT SLEEP(0.05)")).containsExactly(List.of("0"));
                long id = Long.parseLong(rows(sleeper.createStatement(), "SELECT CONNECTION_ID()").get(0).get(0));
                java.util.concurrent.CompletableFuture<List<List<String>>> sleeping = java.util.concurrent.CompletableFuture
                        .supplyAsync(() -> {
                            try (java.sql.PreparedStatement ps = sleeper.prepareStatement("SELECT SLEEP(?)")) {
                                ps.setInt(1, 600);
                                try (ResultSet rs = ps.executeQuery()) {
                                    rs.next();
                                    return List.of(List.of(rs.getString(1)));
                                }
                            } catch (SQLException e) {
                                throw new java.util.concurrent.CompletionException(e);
                            }
                        });
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1); // a hang guard
                while (rows(k, "SHOW PROCESSLIST").stream().noneMatch(r -> r.get(0).equals(Long.toString(id))
                        && "User sleep".equals(r.get(6)) && r.get(7).toUpperCase().contains("SLEEP("))) {
                    assertThat(System.nanoTime()).as("the sleeper shows in SHOW PROCESSLIST").isLessThan(deadline);
                    Thread.sleep(20);
                }
                k.execute("KILL QUERY " + id);
                assertThat(sleeping.get(1, java.util.concurrent.TimeUnit.MINUTES)).containsExactly(List.of("1"));
                assertThat(rows(sleeper.createStatement(), "SELECT 2")).containsExactly(List.of("2"));
            }
        }
    }
}
