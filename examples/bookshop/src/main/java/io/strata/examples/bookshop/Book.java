package io.strata.examples.bookshop;

import java.math.BigDecimal;

/** A book of the shop. */
public record Book(String isbn, String title, String author, int published, BigDecimal price, int stock) {
}
