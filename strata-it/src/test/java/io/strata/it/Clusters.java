package io.strata.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** A JDBC connection to a cluster, its URL from `strata connect --jdbc`. */
final class Clusters {
    private Clusters() {
    }

    static Connection connect(Cli strata, String cluster, String db, String password) throws SQLException {
        Cli.Result r = strata.run("connect", cluster, "--jdbc", "--password", password, "--database", db);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return DriverManager.getConnection(r.out().trim());
    }
}
