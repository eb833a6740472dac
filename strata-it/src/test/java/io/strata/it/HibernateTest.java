package io.strata.it;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate ORM (7.4) over MySQL Connector/J against `strata server`: two annotated entities, the schema created
 * by {@code hbm2ddl.auto=update} (Hibernate reads information_schema to see what exists), then a second
 * session factory with {@code validate} (it reads tables, columns and their types back and must find them
 * as it made them), a second {@code update} that must find nothing to do, CRUD and a JPQL query with a join.
 */
class HibernateTest {
    static StrataServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = StrataServerProcess.start(Files.createTempDirectory("strata-hibernate-"), StrataServerProcess.freePort());
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE library");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Entity(name = "Author")
    @Table(name = "author")
    public static class Author {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false, unique = true, length = 80)
        String name;
        @Column(name = "born")
        LocalDate born;

        public Author() {
        }

        Author(String name, LocalDate born) {
            this.name = name;
            this.born = born;
        }

        /** Through a method, so that a lazy proxy loads the row. */
        public String getName() {
            return name;
        }
    }

    @Entity(name = "Book")
    @Table(name = "book", indexes = @Index(name = "idx_book_title", columnList = "title"))
    public static class Book {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false, length = 200)
        String title;
        @Column(precision = 10, scale = 2)
        BigDecimal price;
        @Column(name = "in_print")
        boolean inPrint;
        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "author_id")
        Author author;

        public Book() {
        }

        Book(String title, BigDecimal price, Author author) {
            this.title = title;
            this.price = price;
            this.inPrint = true;
            this.author = author;
        }
    }

    /** Hibernate determines the dialect from the server (see {@link #detectsTheDialectFromTheServer}). */
    static SessionFactory sessionFactory(String hbm2ddl) {
        return configuration(hbm2ddl).buildSessionFactory();
    }

    static Configuration configuration(String hbm2ddl) {
        return new Configuration()
                .addAnnotatedClass(Author.class)
                .addAnnotatedClass(Book.class)
                .setProperty("hibernate.connection.url", "jdbc:mysql://127.0.0.1:" + server.port
                        + "/library?allowPublicKeyRetrieval=true&useSSL=false")
                .setProperty("hibernate.connection.username", StrataServerProcess.USER)
                .setProperty("hibernate.connection.password", StrataServerProcess.PASSWORD)
                .setProperty("hibernate.connection.pool_size", "2")
                .setProperty("hibernate.hbm2ddl.auto", hbm2ddl);
    }

    /**
     * Without hibernate.dialect, Hibernate determines the dialect from JDBC metadata, which makes Connector/J
     * read information_schema.KEYWORDS (DatabaseMetaData.getSQLKeywords).
     */
    @Test
    void detectsTheDialectFromTheServer() {
        try (SessionFactory detected = configuration("update").buildSessionFactory()) {
            org.hibernate.dialect.Dialect dialect = detected.unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class)
                    .getJdbcServices().getDialect();
            assertThat(dialect).isInstanceOf(org.hibernate.dialect.MySQLDialect.class);
            assertThat(dialect.getVersion().getMajor()).isEqualTo(8);
        }
    }

    @Test
    void updateCreatesTheSchemaValidateAcceptsItAndCrudAndJpqlWork() {
        try (SessionFactory update = sessionFactory("update")) {
            update.inTransaction(s -> {
                Author ann = new Author("Ann Leckie", LocalDate.of(1966, 3, 2));
                Author ted = new Author("Ted Chiang", LocalDate.of(1967, 10, 20));
                s.persist(ann);
                s.persist(ted);
                s.persist(new Book("Ancillary Justice", new BigDecimal("9.99"), ann));
                s.persist(new Book("Ancillary Sword", new BigDecimal("10.50"), ann));
                s.persist(new Book("Exhalation", new BigDecimal("14.00"), ted));
            });
        }
        // A second session factory validates what update made: tables, columns, types.
        try (SessionFactory validate = sessionFactory("validate")) {
            validate.inTransaction(s -> {
                List<String> titles = s.createSelectionQuery(
                        "select b.title from Book b join b.author a where a.name = :name order by b.title", String.class)
                        .setParameter("name", "Ann Leckie").getResultList();
                assertThat(titles).containsExactly("Ancillary Justice", "Ancillary Sword");

                Book exhalation = s.createSelectionQuery("from Book b where b.title = :t", Book.class)
                        .setParameter("t", "Exhalation").getSingleResult();
                assertThat(exhalation.price).isEqualByComparingTo("14.00");
                assertThat(exhalation.author.getName()).isEqualTo("Ted Chiang"); // a lazy load
                exhalation.price = new BigDecimal("12.00");
                exhalation.inPrint = false;
            });
            validate.inTransaction(s -> {
                Book exhalation = s.createSelectionQuery("from Book b where b.title = :t", Book.class)
                        .setParameter("t", "Exhalation").getSingleResult();
                assertThat(exhalation.price).isEqualByComparingTo("12.00");
                assertThat(exhalation.inPrint).isFalse();
                s.remove(exhalation);
            });
            validate.inTransaction(s -> {
                assertThat(s.createSelectionQuery("select count(b) from Book b", Long.class).getSingleResult()).isEqualTo(2);
                assertThat(s.createSelectionQuery("select a.name, count(b) from Book b join b.author a group by a.name",
                        Object[].class).getResultList()).hasSize(1);
                Author ann = s.createSelectionQuery("from Author a where a.name = :n", Author.class)
                        .setParameter("n", "Ann Leckie").getSingleResult();
                assertThat(ann.born).isEqualTo(LocalDate.of(1966, 3, 2));
            });
        }
        // update again on the existing schema: Hibernate must see it all and change nothing that breaks it.
        try (SessionFactory again = sessionFactory("update")) {
            again.inTransaction(s -> assertThat(
                    s.createSelectionQuery("select count(a) from Author a", Long.class).getSingleResult()).isEqualTo(2));
        }
    }
}
