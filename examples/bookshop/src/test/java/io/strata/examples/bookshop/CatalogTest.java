package io.strata.examples.bookshop;

import io.strata.junit.StrataClone;
import io.strata.junit.StrataDatabase;
import io.strata.junit.StrataSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A second class with a clone of its own (running in parallel with BookRepositoryTest): its discount is
 * invisible to the other class, whose prices stay as published.
 */
@StrataSource(name = "bookshop", scripts = {"seed/bookshop.sql", "db/changes/001_book_stock.sql"})
@StrataClone(source = "bookshop", database = "bookshop")
class CatalogTest {
    @Test
    void discountHalvesAnAuthorsPrices(StrataDatabase db) throws Exception {
        BookRepository books = new BookRepository(db.dataSource());
        assertEquals(2, books.discount("Ursula K. Le Guin", 50));
        List<BigDecimal> prices = books.byAuthor("Ursula K. Le Guin").stream().map(Book::price).toList();
        assertEquals(List.of(new BigDecimal("5.00"), new BigDecimal("5.50")), prices);
    }
}
