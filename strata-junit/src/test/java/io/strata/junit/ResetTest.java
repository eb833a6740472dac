package io.strata.junit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.sql.DataSource;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * @StrataReset: whatever a test deletes, updates, inserts or alters, the next starts from the clone as set up
 * (the seed plus what @BeforeAll wrote).
 */
@StrataSource(name = "shop", scripts = "seed/shop.sql")
@StrataClone(source = "shop", database = "shop")
@StrataReset
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetTest {
    @BeforeAll
    static void fixture(DataSource ds) throws SQLException {
        Db.exec(ds, "INSERT INTO product VALUES (10, 'fixture', 5.00)");
    }

    static void assertSetUpState(DataSource ds) throws SQLException {
        assertThat(Db.column(ds, "SELECT CONCAT(id, ':', name, ':', price) FROM product ORDER BY id"))
                .containsExactly("1:pen:1.50", "2:book; paperback:12.00", "3:lamp:30.00", "10:fixture:5.00");
    }

    @Test
    @Order(1)
    void deletesEverything(DataSource ds) throws SQLException {
        assertSetUpState(ds);
        Db.exec(ds, "DELETE FROM product");
        assertThat(Db.count(ds, "SELECT COUNT(*) FROM product")).isZero();
    }

    @Test
    @Order(2)
    void startsFromTheSetUpStateAndChangesIt(DataSource ds) throws SQLException {
        assertSetUpState(ds);
        Db.exec(ds, "UPDATE product SET price = price * 2", "INSERT INTO product VALUES (11, 'new', 1.00)",
                "ALTER TABLE product ADD COLUMN stock INT DEFAULT 0", "CREATE TABLE scratch (x INT)");
        assertThat(Db.count(ds, "SELECT COUNT(*) FROM product WHERE stock = 0")).isEqualTo(5);
    }

    @Test
    @Order(3)
    void schemaChangesAreUndoneToo(DataSource ds) throws SQLException {
        assertSetUpState(ds);
        assertThatThrownBy(() -> Db.count(ds, "SELECT COUNT(*) FROM scratch")).isInstanceOf(SQLException.class)
                .hasMessageContaining("scratch");
        assertThatThrownBy(() -> Db.count(ds, "SELECT COUNT(stock) FROM product")).isInstanceOf(SQLException.class);
        Db.exec(ds, "DROP TABLE product");
    }

    @Test
    @Order(4)
    void evenADroppedTableIsBack(DataSource ds) throws SQLException {
        assertSetUpState(ds);
    }
}
