package io.strata.client.dump;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any script made of statements whose tokens hide delimiters, comment markers and newlines inside quotes,
 * separated by delimiters, blank lines and plain comments, splits back into exactly those statements, each
 * with the line it starts on.
 */
class DumpReaderPropertiesTest {

    @Provide
    Arbitrary<String> token() {
        Arbitrary<String> words = Arbitraries.of("SELECT", "INSERT", "INTO", "t", "VALUES", "(1,", "2)", "x=1", "-1", "a-b",
                "/*!40101 SET NAMES utf8 */", "/*+ HINT(a;b) */");
        Arbitrary<String> single = Arbitraries.of("a", ";", "--", " -- ", "#", "/*", "*/", "\\'", "''", "\\\\", "\n", "`", "\"", "x;y")
                .list().ofMaxSize(5).map(l -> "'" + String.join("", l) + "'");
        Arbitrary<String> dquote = Arbitraries.of("a", ";", "--", "#", "/*", "*/", "\\\"", "\"\"", "\\\\", "\n", "`", "'", "x;y")
                .list().ofMaxSize(5).map(l -> "\"" + String.join("", l) + "\"");
        Arbitrary<String> backtick = Arbitraries.of("`a;b`", "`c``d`", "`-- e`", "`f'g`");
        return Arbitraries.oneOf(words, single, dquote, backtick);
    }

    @Provide
    Arbitrary<List<String>> statements() {
        return token().list().ofMinSize(1).ofMaxSize(6).map(t -> String.join(" ", t)).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> separator() {
        return Arbitraries.of(";\n", ";", ";\n\n", ";\n-- a comment; here\n", ";\n# hash ' comment\n", ";\n/* block ; 'x */\n",
                "\n;\n");
    }

    @Property(tries = 300)
    void scriptsSplitBackIntoTheirStatements(@ForAll("statements") List<String> statements,
                                             @ForAll("separator") String separator) throws IOException {
        StringBuilder script = new StringBuilder();
        long[] lines = new long[statements.size()];
        long line = 1;
        for (int i = 0; i < statements.size(); i++) {
            lines[i] = line;
            String s = statements.get(i);
            script.append(s).append(separator);
            line += (s + separator).chars().filter(c -> c == '\n').count();
        }
        List<DumpStatement> split = DumpReaderTest.split(script.toString());
        assertThat(split).extracting(DumpStatement::sql).containsExactlyElementsOf(statements);
        for (int i = 0; i < statements.size(); i++) {
            assertThat(split.get(i).line()).as("line of statement %d", i).isEqualTo(lines[i]);
        }
    }

    @Property(tries = 100)
    void anyDelimiterWorksAsSemicolonDoes(@ForAll("statements") List<String> statements) throws IOException {
        StringBuilder script = new StringBuilder("DELIMITER $$\n");
        for (String s : statements) {
            script.append(s).append("$$\n");
        }
        script.append("DELIMITER ;\nSELECT 'end';\n");
        List<String> split = DumpReaderTest.sql(script.toString());
        assertThat(split.subList(0, statements.size())).containsExactlyElementsOf(statements);
        assertThat(split.get(statements.size())).isEqualTo("SELECT 'end'");
    }

}
