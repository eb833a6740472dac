package io.strata.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code mariadb} command-line client against the server. Required when {@code CI=true} (install it
 * with {@code scripts/install-test-deps.sh}); skipped otherwise if the client is missing.
 */
class MariaDbCliTest {
    static TestServer server;
    static String client;

    record Run(int exit, String out, String err) {}

    @BeforeAll
    static void start() {
        client = findClient();
        if (client == null) {
            String why = "the mariadb client is not on the PATH (" + System.getenv("PATH")
                    + "): install it with scripts/install-test-deps.sh";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " (required when CI=true)");
            }
            System.err.println("WARNING: SKIPPED MariaDbCliTest: " + why);
            abort(why);
        }
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static String findClient() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir.isEmpty() ? "." : dir, "mariadb");
            if (f.canExecute()) return f.getAbsolutePath();
        }
        return null;
    }

    private static Run run(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(client, "-h127.0.0.1", "-P" + server.port, "-u" + TestServer.USER,
                "-p" + TestServer.PASSWORD, "--batch", "--connect-timeout=10"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("mariadb client timed out");
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void executesStatementsWithDashE() throws Exception {
        for (String ssl : List.of("--skip-ssl", "--ssl")) {
            String db = ssl.equals("--ssl") ? "cli_tls" : "cli_plain";
            Run r = run(null, ssl, "-e", "CREATE DATABASE " + db + "; USE " + db + ";"
                    + " CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20)); INSERT INTO t VALUES (1, 'a'), (2, NULL);"
                    + " SELECT * FROM t ORDER BY id; SELECT DATABASE(); SHOW TABLES; SELECT @@version_comment");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("id\tv\n1\ta\n2\tNULL\n").contains("DATABASE()\n" + db + "\n")
                    .contains("Tables_in_" + db + "\nt\n").contains("Strata");
        }
        Run status = run(null, "--ssl", "-e", "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).containsIgnoringCase("cipher");
    }

    @Test
    void loadsADumpWithConditionalCommentsAndDelimiterBlocks() throws Exception {
        String dump = """
                -- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)
                /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
                /*!40101 SET NAMES utf8mb4 */;
                /*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
                /*!40103 SET TIME_ZONE='+00:00' */;
                /*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
                /*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
                /*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
                CREATE DATABASE /*!32312 IF NOT EXISTS*/ `restored` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;
                USE `restored`;
                DROP TABLE IF EXISTS `comments`;
                CREATE TABLE `comments` (
                  `id` int(11) NOT NULL,
                  `note_id` int(11) NOT NULL,
                  PRIMARY KEY (`id`),
                  KEY `note_id` (`note_id`),
                  CONSTRAINT `comments_ibfk_1` FOREIGN KEY (`note_id`) REFERENCES `notes` (`id`)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                INSERT INTO `comments` VALUES (1,1),(2,2);
                DROP TABLE IF EXISTS `notes`;
                /*!40101 SET @saved_cs_client     = @@character_set_client */;
                /*!40101 SET character_set_client = utf8 */;
                CREATE TABLE `notes` (
                  `id` int(11) NOT NULL AUTO_INCREMENT,
                  `body` text DEFAULT NULL,
                  `created` datetime NOT NULL,
                  PRIMARY KEY (`id`),
                  KEY `notes_created` (`created`)
                ) ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
                /*!40101 SET character_set_client = @saved_cs_client */;
                LOCK TABLES `notes` WRITE;
                /*!40000 ALTER TABLE `notes` DISABLE KEYS */;
                INSERT INTO `notes` VALUES (1,'it\\'s here','2024-01-02 03:04:05'),(2,'😀 ünïcode\\nline','2024-02-03 04:05:06');
                /*!40000 ALTER TABLE `notes` ENABLE KEYS */;
                UNLOCK TABLES;
                DELIMITER ;;
                INSERT INTO `notes` (body, created) VALUES ('inside ; a delimiter block', NOW()) ;;
                /*!50003 SET @after_block = 1 */ ;;
                DELIMITER ;
                /*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
                /*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
                /*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
                /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
                -- Dump completed
                """;
        Run load = run(dump);
        assertThat(load.exit()).as(load.err()).isZero();
        Run check = run(null, "restored", "-e", "SELECT id, body FROM notes ORDER BY id; SELECT COUNT(*) AS n FROM notes;"
                + " SELECT REFERENCED_TABLE_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_NAME = 'comments'"
                + " AND REFERENCED_TABLE_NAME IS NOT NULL");
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).contains("1\tit's here\n").contains("2\t😀 ünïcode\\nline\n")
                .contains("3\tinside ; a delimiter block\n").contains("n\n3\n")
                .contains("REFERENCED_TABLE_NAME\nnotes\n"); // the foreign key was added when checks were re-enabled
        Run orphan = run(null, "restored", "-e", "INSERT INTO comments VALUES (3, 99)");
        assertThat(orphan.err()).contains("1452");
    }

    @Test
    void aDumpWithAProcedureLoadsWithoutForceAndItsTriggerRuns() throws Exception {
        String dump = """
                CREATE DATABASE IF NOT EXISTS procs;
                USE procs;
                CREATE TABLE t (id INT);
                CREATE TABLE audit (id INT, at DATETIME);
                DELIMITER ;;
                CREATE DEFINER=`root`@`localhost` PROCEDURE `p`()
                BEGIN
                  INSERT INTO t VALUES (1);
                  SELECT * FROM t;
                END ;;
                /*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `t_audit` AFTER INSERT ON `t` FOR EACH ROW BEGIN
                  INSERT INTO audit VALUES (NEW.id * 10, NOW());
                END */;;
                DELIMITER ;
                INSERT INTO t VALUES (2);
                """;
        Run r = run(dump);
        assertThat(r.exit()).as(r.err()).isZero();
        Run check = run(null, "procs", "-e", "SELECT * FROM t; SELECT id FROM audit; SHOW PROCEDURE STATUS");
        assertThat(check.out()).startsWith("id\n2\nid\n20\n").contains("procs\tp\tPROCEDURE");
        Run call = run(null, "procs", "-e", "CALL p()");
        assertThat(call.err()).contains("1235").contains("does not run stored procedures");
    }
}
