-- "Production" as the release found it: authors and their books (schema version 1, no stock column yet).
CREATE DATABASE bookshop;
USE bookshop;

CREATE TABLE author (
  id INT PRIMARY KEY,
  name VARCHAR(80) NOT NULL
);

CREATE TABLE book (
  isbn VARCHAR(17) PRIMARY KEY,
  title VARCHAR(200) NOT NULL,
  author_id INT NOT NULL,
  published INT NOT NULL,
  price DECIMAL(8,2) NOT NULL,
  CONSTRAINT fk_book_author FOREIGN KEY (author_id) REFERENCES author (id)
);

INSERT INTO author VALUES (1, 'Ursula K. Le Guin'), (2, 'Terry Pratchett'), (3, 'Octavia E. Butler');

INSERT INTO book VALUES
  ('978-0-441-47812-5', 'The Left Hand of Darkness', 1, 1969, 9.99),
  ('978-0-06-051275-6', 'The Dispossessed', 1, 1974, 10.99),
  ('978-0-552-13107-4', 'Guards! Guards!', 2, 1989, 8.99),
  ('978-0-552-13440-2', 'Small Gods', 2, 1992, 8.99),
  ('978-0-552-14768-6', 'Night Watch', 2, 2002, 9.49),
  ('978-0-446-67550-5', 'Parable of the Sower', 3, 1993, 11.50),
  ('978-0-8070-8305-0', 'Kindred', 3, 1979, 12.00);
