package io.strata.junit;

import io.strata.client.Cluster;
import io.strata.client.ClusterId;
import io.strata.client.StrataClient;
import io.strata.client.Tags;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** A class clone of a source the extension creates and seeds, injected every way; and a method's own clone. */
@StrataSource(name = "shop", scripts = "seed/shop.sql")
@StrataClone(source = "shop", database = "shop")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloneAndInjectionTest {
    static ClusterId classClone;

    @BeforeAll
    static void remember(StrataDatabase db) {
        classClone = db.cluster();
    }

    @Test
    @Order(1)
    void injectsADataSourceAJdbcUrlAndTheConnectionParameters(DataSource ds, @StrataJdbcUrl String url, StrataDatabase db,
                                                              Cluster cluster, StrataClient client) throws Exception {
        assertThat(Db.column(ds, "SELECT name FROM product ORDER BY id")).containsExactly("pen", "book; paperback", "lamp");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DATABASE(), CURRENT_USER()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("shop");
            assertThat(rs.getString(2)).startsWith("admin@");
        }
        assertThat(db.cluster()).isEqualTo(cluster.id()).isEqualTo(classClone);
        assertThat(db.cluster().value()).startsWith("junit-cloneandinjectiontest-");
        assertThat(db.host()).isEqualTo("127.0.0.1");
        assertThat(db.port()).isEqualTo(cluster.endpoint().port());
        assertThat(db.password()).isNotEqualTo("strata-source-pw");
        assertThat(db.jdbcUrl()).isEqualTo(url);
        Cluster now = client.describeCluster(db.cluster());
        assertThat(now.tags()).containsEntry(Tags.TTL, "2h");
        assertThat(now.expiresAt()).isPresent();
        assertThat(now.backtrackWindowSeconds()).isEqualTo(24 * 3600);
    }

    @Test
    @Order(2)
    void writesStayInTheClone(DataSource ds, StrataClient client) throws Exception {
        Db.exec(ds, "INSERT INTO product VALUES (4, 'clone only', 9.99)");
        assertThat(Db.count(ds, "SELECT COUNT(*) FROM product")).isEqualTo(4);
        Cluster source = client.describeCluster(ClusterId.of("shop"));
        try (Connection c = DriverManager.getConnection(source.endpoint().jdbcUrl("shop", "strata-source-pw"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM product")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(3);
        }
    }

    @Test
    @Order(3)
    @StrataClone(source = "shop", database = "shop", ttl = "10m")
    void aMethodCloneIsItsOwn(StrataDatabase db, DataSource ds, StrataClient client) throws Exception {
        assertThat(db.cluster()).isNotEqualTo(classClone);
        assertThat(db.cluster().value()).startsWith("junit-cloneandinjectiontest-amethodcloneisitsown-");
        assertThat(Db.count(ds, "SELECT COUNT(*) FROM product")).as("not the class clone's insert").isEqualTo(3);
        assertThat(client.describeCluster(db.cluster()).tags()).containsEntry(Tags.TTL, "10m");
    }

    @Test
    @Order(4)
    void theClassCloneKeepsItsWrites(DataSource ds) throws Exception {
        assertThat(Db.count(ds, "SELECT COUNT(*) FROM product")).isEqualTo(4);
    }
}
