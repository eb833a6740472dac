package io.strata.examples.bookshop;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bookshop's data access: plain JDBC over the {@code author} and {@code book} tables (MySQL). What the
 * example's integration tests exercise against a Strata clone.
 */
public final class BookRepository {
    private static final String SELECT = "SELECT b.isbn, b.title, a.name, b.published, b.price, b.stock"
            + " FROM book b JOIN author a ON a.id = b.author_id";
    private final DataSource ds;

    public BookRepository(DataSource ds) {
        this.ds = ds;
    }

    public List<Book> byAuthor(String author) throws SQLException {
        return query(SELECT + " WHERE a.name = ? ORDER BY b.published", author);
    }

    public Optional<Book> byIsbn(String isbn) throws SQLException {
        return query(SELECT + " WHERE b.isbn = ?", isbn).stream().findFirst();
    }

    public List<Book> all() throws SQLException {
        return query(SELECT + " ORDER BY b.isbn");
    }

    /** Adds a book by an existing author; returns false if the author is unknown. */
    public boolean add(String isbn, String title, String author, int published, BigDecimal price) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO book (isbn, title, author_id, published, price)"
                     + " SELECT ?, ?, id, ?, ? FROM author WHERE name = ?")) {
            ps.setString(1, isbn);
            ps.setString(2, title);
            ps.setInt(3, published);
            ps.setBigDecimal(4, price);
            ps.setString(5, author);
            return ps.executeUpdate() == 1;
        }
    }

    /** Removes every book of an author; returns how many. */
    public int removeAuthorsBooks(String author) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM book WHERE author_id IN (SELECT id FROM author WHERE name = ?)")) {
            ps.setString(1, author);
            return ps.executeUpdate();
        }
    }

    /** Sells one copy if one is in stock; returns whether it did. */
    public boolean sell(String isbn) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE book SET stock = stock - 1 WHERE isbn = ? AND stock > 0")) {
            ps.setString(1, isbn);
            return ps.executeUpdate() == 1;
        }
    }

    /** Applies a discount in percent to every book of an author. */
    public int discount(String author, int percent) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE book SET price = ROUND(price * (100 - ?) / 100, 2)"
                     + " WHERE author_id IN (SELECT id FROM author WHERE name = ?)")) {
            ps.setInt(1, percent);
            ps.setString(2, author);
            return ps.executeUpdate();
        }
    }

    private List<Book> query(String sql, String... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<Book> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Book(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBigDecimal(5),
                            rs.getInt(6)));
                }
            }
            return out;
        }
    }
}
