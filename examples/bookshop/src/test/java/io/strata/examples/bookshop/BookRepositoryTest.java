package io.strata.examples.bookshop;

import io.strata.junit.StrataClone;
import io.strata.junit.StrataReset;
import io.strata.junit.StrataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.sql.DataSource;
import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository against its own clone of "bookshop" (production plus the release's schema change), reset to
 * the same data before every test: what one test deletes or sells, the next one has again.
 *
 * <p>With no Strata server named, the extension starts one in this JVM and makes "bookshop" from the seed and
 * the release's change ({@code @StrataSource}); under {@code strata run ENV.yaml} it clones the run's clone.
 */
@StrataSource(name = "bookshop", scripts = {"seed/bookshop.sql", "db/changes/001_book_stock.sql"})
@StrataClone(source = "bookshop", database = "bookshop")
@StrataReset
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BookRepositoryTest {
    static final String PRATCHETT = "Terry Pratchett";
    BookRepository books;

    @BeforeEach
    void repository(DataSource ds) {
        books = new BookRepository(ds);
    }

    @Test
    @Order(1)
    void removingAnAuthorsBooksRemovesOnlyThose() throws Exception {
        assertEquals(3, books.removeAuthorsBooks(PRATCHETT));
        assertEquals(4, books.all().size());
        assertTrue(books.byAuthor(PRATCHETT).isEmpty());
    }

    @Test
    @Order(2)
    void theNextTestHasThemAgain() throws Exception {
        assertEquals(7, books.all().size());
        assertEquals(3, books.byAuthor(PRATCHETT).size());
    }

    @Test
    @Order(3)
    void sellingStopsWhenTheStockRunsOut() throws Exception {
        String kindred = "978-0-8070-8305-0";
        for (int i = 0; i < 3; i++) {
            assertTrue(books.sell(kindred), "copy " + (i + 1));
        }
        assertFalse(books.sell(kindred));
        assertEquals(0, books.byIsbn(kindred).orElseThrow().stock());
    }

    @Test
    @Order(4)
    void theStockIsBackForTheNextTest() throws Exception {
        assertEquals(3, books.byIsbn("978-0-8070-8305-0").orElseThrow().stock());
        assertEquals(new BigDecimal("9.99"), books.byIsbn("978-0-441-47812-5").orElseThrow().price());
    }

    @Test
    @Order(5)
    void addingNeedsAKnownAuthor() throws Exception {
        assertTrue(books.add("978-0-06-105691-4", "Mort", PRATCHETT, 1987, new BigDecimal("8.99")));
        assertFalse(books.add("978-0-00-000000-0", "Nobody's Book", "Nobody", 2000, BigDecimal.ONE));
        assertEquals(4, books.byAuthor(PRATCHETT).size());
        assertEquals(3, books.byAuthor(PRATCHETT).get(0).stock() + books.byAuthor(PRATCHETT).get(3).stock());
    }
}
