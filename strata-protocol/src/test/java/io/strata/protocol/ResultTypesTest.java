package io.strata.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.protocol.TestServer.Client;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** MySQL's result types reach the drivers' ResultSetMetaData: decimals, integers for comparisons, JSON. */
class ResultTypesTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(value = Client.class, names = {"MYSQL", "MYSQL_PS", "MARIADB", "MARIADB_PS"})
    void typesAndValues(Client client) throws Exception {
        try (Connection c = server.connect(client); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS rt (id INT PRIMARY KEY, i INT)");
            st.execute("DELETE FROM rt");
            st.execute("INSERT INTO rt VALUES (1, 1), (2, 2)");
            try (ResultSet rs = st.executeQuery("SELECT 7/2, 1 = 1, AVG(i), SUM(i), 7 DIV 2, JSON_OBJECT('a', 1), 1e0 FROM rt")) {
                ResultSetMetaData md = rs.getMetaData();
                assertThat(md.getColumnTypeName(1)).isEqualTo("DECIMAL");
                assertThat(md.getColumnTypeName(2)).isEqualTo("BIGINT");
                assertThat(md.getColumnTypeName(3)).isEqualTo("DECIMAL");
                assertThat(md.getColumnTypeName(4)).isEqualTo("DECIMAL");
                assertThat(md.getColumnTypeName(5)).isEqualTo("BIGINT");
                assertThat(md.getColumnTypeName(6)).isEqualTo("JSON");
                assertThat(md.getColumnTypeName(7)).isEqualTo("DOUBLE");
                assertThat(md.getColumnLabel(1)).isEqualTo("7/2");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("3.5000");
                assertThat(rs.getLong(2)).isEqualTo(1);
                assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("1.5");
                assertThat(rs.getString(3)).isEqualTo("1.5000");
                assertThat(rs.getObject(4)).isInstanceOf(java.math.BigDecimal.class);
                assertThat(rs.getString(6)).isEqualTo("{\"a\": 1}");
            }
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT AVG(i + ?) FROM rt WHERE id > ?")) {
                ps.setInt(1, 10);
                ps.setInt(2, 0);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("11.5000"); // AVG's rewrite repeats its argument
                }
            }
        }
    }
}
