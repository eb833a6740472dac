package io.strata.it;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flyway 10 (flyway-mysql) migrating a schema on `strata server` through MySQL Connector/J: versioned SQL
 * migrations with DDL (CREATE TABLE with a foreign key, ALTER TABLE ADD COLUMN, CREATE INDEX, RENAME TABLE,
 * CREATE VIEW) and data, the schema history table, a repeated migrate, info, validate, a failing migration
 * and repair. The migrations are in src/test/resources/db/migration; the failing one in db/broken.
 */
class FlywayTest {
    static StrataServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = StrataServerProcess.start(Files.createTempDirectory("strata-flyway-"), StrataServerProcess.freePort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** Flyway on its own schema (created by Flyway), reading migrations from the given classpath folders. */
    static Flyway flyway(String schema, String... folders) {
        String url = "jdbc:mysql://127.0.0.1:" + server.port + "/?allowPublicKeyRetrieval=true&useSSL=false";
        return Flyway.configure()
                .dataSource(url, StrataServerProcess.USER, StrataServerProcess.PASSWORD)
                .schemas(schema)
                .locations(Arrays.stream(folders).map(f -> "classpath:" + f).toArray(String[]::new))
                .load();
    }

    @Test
    void migratesThenReportsAndValidates() throws Exception {
        Flyway flyway = flyway("shop", "db/migration");
        MigrateResult first = flyway.migrate();
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isEqualTo(3);
        assertThat(first.targetSchemaVersion).isEqualTo("3");

        try (Connection c = server.connect("shop"); Statement st = c.createStatement()) {
            assertThat(SakilaTest.rows(st, "SELECT version, description, type, script, success FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL ORDER BY installed_rank")).containsExactly(
                    "1|create customer and orders|SQL|V1__create_customer_and_orders.sql|1",
                    "2|add email index and seed|SQL|V2__add_email_index_and_seed.sql|1",
                    "3|rename orders and add view|SQL|V3__rename_orders_and_add_view.sql|1");
            assertThat(SakilaTest.rows(st, "SELECT id, name, email FROM customer ORDER BY id"))
                    .containsExactly("1|Ada|ada@example.com", "2|Grace|grace@example.com");
            assertThat(SakilaTest.rows(st, "SELECT name, purchases, total FROM customer_totals ORDER BY name"))
                    .containsExactly("Ada|2|14.75", "Grace|1|99.00");
            assertThat(SakilaTest.rows(st, "SELECT COUNT(*) FROM information_schema.tables"
                    + " WHERE table_schema = 'shop' AND table_name = 'orders'")).containsExactly("0");
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO customer (name, email) VALUES ('Dup', 'ada@example.com')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Duplicate entry");
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO purchase (customer_id, amount) VALUES (42, 1.00)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("foreign key constraint fails");
        }

        MigrateResult second = flyway.migrate();
        assertThat(second.success).isTrue();
        assertThat(second.migrationsExecuted).isZero();

        // info() lists the schema Flyway created (no version) and the three migrations, all successful
        List<MigrationInfo> all = List.of(flyway.info().all());
        assertThat(all).extracting(MigrationInfo::getType).startsWith(CoreMigrationType.SCHEMA);
        assertThat(all).filteredOn(i -> i.getVersion() != null).extracting(i -> i.getVersion().getVersion())
                .containsExactly("1", "2", "3");
        assertThat(all).extracting(MigrationInfo::getState).containsOnly(MigrationState.SUCCESS);
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("3");
        assertThat(flyway.info().pending()).isEmpty();
        flyway.validate();
    }

    @Test
    void failingMigrationReportsItsErrorAndLeavesHistoryConsistent() throws Exception {
        flyway("broken_shop", "db/migration").migrate();
        Flyway withBroken = flyway("broken_shop", "db/migration", "db/broken");
        assertThatThrownBy(withBroken::migrate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("V4__broken.sql")
                .hasMessageContaining("no_such_table");

        // Flyway ran V4 in a transaction, so its first INSERT is rolled back; as MySQL has no transactional
        // DDL, Flyway also records V4 as failed in the history (validate fails until repair). V1-V3 stay.
        try (Connection c = server.connect("broken_shop"); Statement st = c.createStatement()) {
            assertThat(SakilaTest.rows(st, "SELECT COUNT(*) FROM customer WHERE name = 'Edsger'")).containsExactly("0");
            List<String> history = SakilaTest.rows(st, "SELECT version, success FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL ORDER BY installed_rank");
            assertThat(history).containsExactly("1|1", "2|1", "3|1", "4|0");
        }
        assertThat(withBroken.info().current().getState()).isEqualTo(MigrationState.FAILED);
        assertThatThrownBy(withBroken::validate).isInstanceOf(FlywayException.class);

        // repair removes the failed entry: the schema is back at version 3 with V4 pending.
        withBroken.repair();
        assertThat(withBroken.info().current().getVersion().getVersion()).isEqualTo("3");
        assertThat(withBroken.info().pending()).extracting(i -> i.getVersion().getVersion()).containsExactly("4");
        Flyway fixed = flyway("broken_shop", "db/migration");
        fixed.validate();
        assertThat(fixed.migrate().migrationsExecuted).isZero();
    }
}
