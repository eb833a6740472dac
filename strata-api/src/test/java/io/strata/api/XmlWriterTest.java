package io.strata.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XmlWriterTest {
    @Test
    void escapesMarkupAndReplacesCharactersXmlCannotCarry() {
        String xml = new XmlWriter().start("A").leaf("B", "<x>&\"y'\u0001\tz").leaf("C", null).end().toString();
        assertThat(xml).endsWith("<A><B>&lt;x&gt;&amp;&quot;y&apos;\uFFFD\tz</B></A>");
    }

    @Test
    void timesAreIsoUtcWithMilliseconds() {
        assertThat(XmlWriter.time(Instant.parse("2024-05-01T12:00:00.123456Z"))).isEqualTo("2024-05-01T12:00:00.123Z");
    }

    @Test
    void unclosedElementsAreAnError() {
        assertThatThrownBy(() -> new XmlWriter().start("A").toString()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void errorXmlHasRdsShape() {
        String xml = RdsHandler.error(new ApiError("DBClusterNotFoundFault", 404, "DBCluster x not found."), "rid");
        assertThat(xml).contains("<ErrorResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><Error><Type>Sender</Type>"
                + "<Code>DBClusterNotFoundFault</Code><Message>DBCluster x not found.</Message></Error><RequestId>rid</RequestId>"
                + "</ErrorResponse>");
    }
}
