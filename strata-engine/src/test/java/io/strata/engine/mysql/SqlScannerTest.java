package io.strata.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScannerTest {
    @Test
    void splitsOnTopLevelSemicolonsOnly() {
        assertThat(SqlScanner.split("SELECT 1; SELECT ';' ; SELECT \"a;b\"; SELECT `x;y` FROM t -- c;\n; /* ; */ ;"))
                .containsExactly("SELECT 1", "SELECT ';'", "SELECT \"a;b\"", "SELECT `x;y` FROM t -- c;");
        assertThat(SqlScanner.split("SELECT 'it\\'s;'; SELECT 2")).containsExactly("SELECT 'it\\'s;'", "SELECT 2");
    }

    @Test
    void keepsStoredProgramBodiesTogether() {
        assertThat(SqlScanner.split("CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; SELECT 2; END; SELECT 3"))
                .containsExactly("CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; SELECT 2; END", "SELECT 3");
    }

    @Test
    void expandsConditionalComments() {
        assertThat(SqlScanner.expandComments("/*!40101 SET a=1 */").strip()).isEqualTo("SET a=1");
        assertThat(SqlScanner.expandComments("/*!99999 SET a=1 */").strip()).isEmpty();
        assertThat(SqlScanner.expandComments("/*M!100100 SET a=1 */ SELECT 1 # tail").strip()).isEqualTo("SELECT 1");
        assertThat(SqlScanner.expandComments("SELECT '/*!40101 x */'")).isEqualTo("SELECT '/*!40101 x */'");
        assertThat(SqlScanner.expandComments("CREATE /*!32312 IF NOT EXISTS*/ db").replaceAll("\\s+", " "))
                .isEqualTo("CREATE IF NOT EXISTS db");
    }

    @Test
    void unquotesMySqlStrings() {
        assertThat(SqlScanner.unquoteString("'it\\'s ''x'' \\n'")).isEqualTo("it's 'x' \n");
    }
}
