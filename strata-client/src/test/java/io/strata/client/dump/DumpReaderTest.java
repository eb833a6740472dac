package io.strata.client.dump;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class DumpReaderTest {
    @TempDir
    Path dir;

    static List<DumpStatement> split(String script) throws IOException {
        byte[] bytes = script.getBytes(StandardCharsets.UTF_8);
        try (DumpReader r = DumpReader.of(new ByteArrayInputStream(bytes), bytes.length)) {
            List<DumpStatement> out = new ArrayList<>();
            for (DumpStatement s = r.next(); s != null; s = r.next()) {
                out.add(s);
            }
            return out;
        }
    }

    static List<String> sql(String script) throws IOException {
        return split(script).stream().map(DumpStatement::sql).toList();
    }

    @Test
    void statementsEndAtTheDelimiterAndCarryTheirFirstLine() throws IOException {
        List<DumpStatement> s = split("CREATE TABLE t (id INT);\n\nINSERT INTO t VALUES (1),\n(2);  SELECT 1;\n");
        assertThat(s).extracting(DumpStatement::sql)
                .containsExactly("CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1),\n(2)", "SELECT 1");
        assertThat(s).extracting(DumpStatement::line).containsExactly(1L, 3L, 4L);
    }

    @Test
    void quotesHideDelimitersCommentsAndNewlines() throws IOException {
        assertThat(sql("INSERT INTO t VALUES ('a;b', 'it''s', 'back\\'slash;', \"dq;\\\"x\", '-- no', '/* no */');"
                + "SELECT `odd;name``x` FROM t;"))
                .containsExactly("INSERT INTO t VALUES ('a;b', 'it''s', 'back\\'slash;', \"dq;\\\"x\", '-- no', '/* no */')",
                        "SELECT `odd;name``x` FROM t");
        List<DumpStatement> s = split("INSERT INTO t VALUES ('line1\nline2\nline3');\nSELECT 2;");
        assertThat(s.get(0).sql()).contains("line1\nline2\nline3");
        assertThat(s.get(1).line()).isEqualTo(4);
    }

    @Test
    void plainCommentsAreLeftOutExecutableOnesKept() throws IOException {
        assertThat(sql("-- a comment; with a delimiter\n# another;\nSELECT 1 /* inline; */ + 2; -- trailing\n"
                + "/*!40101 SET NAMES utf8mb4 */;\n/*!40014 SET @OLD=@@X, X=0 */;\nSELECT /*+ MAX_EXECUTION_TIME(5) */ 3;\n"
                + "SELECT 1--1;\n/*M!999999\\- enable the sandbox mode */\nSELECT 4;"))
                .containsExactly("SELECT 1  + 2", "/*!40101 SET NAMES utf8mb4 */", "/*!40014 SET @OLD=@@X, X=0 */",
                        "SELECT /*+ MAX_EXECUTION_TIME(5) */ 3", "SELECT 1--1", "SELECT 4");
        assertThat(split("/* only\na comment */\n\n-- and this\nSELECT 5;")).singleElement()
                .satisfies(s -> assertThat(s.line()).isEqualTo(5));
    }

    @Test
    void delimiterBlocksAsDumpsWriteTriggersAndRoutines() throws IOException {
        String script = """
                DELIMITER ;;
                /*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER ins_film AFTER INSERT ON film FOR EACH ROW BEGIN
                    INSERT INTO film_text (film_id, title) VALUES (new.film_id, new.title);
                  END */;;
                DELIMITER ;
                delimiter $$
                CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END$$
                DELIMITER ;
                SELECT 'done';
                """;
        List<DumpStatement> s = split(script);
        assertThat(s).hasSize(3);
        assertThat(s.get(0).sql()).startsWith("/*!50003 CREATE*/").endsWith("END */").contains("VALUES (new.film_id, new.title);");
        assertThat(s.get(0).line()).isEqualTo(2);
        assertThat(s.get(1).sql()).isEqualTo("CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END");
        assertThat(s.get(1).line()).isEqualTo(7);
        assertThat(s.get(2).sql()).isEqualTo("SELECT 'done'");
        assertThat(s.get(2).line()).isEqualTo(9);
    }

    @Test
    void lastStatementWithoutDelimiterAndBlankInput() throws IOException {
        assertThat(sql("SELECT 1;\nSELECT 2")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(sql("  \n-- nothing\n;;\n")).isEmpty();
        assertThat(sql("")).isEmpty();
    }

    @Test
    void gzipIsRecognisedByItsBytesAndProgressCountsTheFile() throws IOException {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            script.append("INSERT INTO t VALUES (").append(i).append(", 'row ").append(i).append("');\n");
        }
        Path gz = dir.resolve("dump.data");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(script.toString().getBytes(StandardCharsets.UTF_8));
        }
        Files.write(gz, bytes.toByteArray());
        long n = 0;
        long lastBytes = 0;
        try (DumpReader r = DumpReader.open(gz)) {
            assertThat(r.totalBytes()).isEqualTo(Files.size(gz));
            for (DumpStatement s = r.next(); s != null; s = r.next()) {
                assertThat(s.line()).isEqualTo(n + 1);
                assertThat(s.bytesRead()).isGreaterThanOrEqualTo(lastBytes);
                lastBytes = s.bytesRead();
                n++;
            }
            assertThat(r.bytesRead()).isEqualTo(Files.size(gz));
        }
        assertThat(n).isEqualTo(20_000);
    }

    @Test
    void insertTargetsAndStatementStarts() {
        assertThat(DumpLoader.insertTarget("INSERT INTO `actor` VALUES (1)")).isEqualTo("actor");
        assertThat(DumpLoader.insertTarget("insert ignore into sakila.film_text(film_id) values (1)")).isEqualTo("sakila.film_text");
        assertThat(DumpLoader.insertTarget("REPLACE `a`.`b` SET x=1")).isEqualTo("a.b");
        assertThat(DumpLoader.insertTarget("SELECT 1")).isNull();
        assertThat(DumpLoader.start("INSERT\n  INTO t " + "x".repeat(100))).hasSize(80).endsWith("...").startsWith("INSERT INTO t x");
    }
}
