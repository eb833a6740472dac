/**
 * The example application: a bookshop's JDBC repository ({@link io.strata.examples.bookshop.BookRepository}).
 * Imports only the JDK.
 */
package io.strata.examples.bookshop;
