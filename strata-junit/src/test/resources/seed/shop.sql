-- The "production" database the extension's own tests clone: a shop with three products.
CREATE DATABASE shop;
USE shop;
CREATE TABLE product (
  id INT PRIMARY KEY,
  name VARCHAR(40) NOT NULL,   -- names may hold ; and quotes: 'a;b'
  price DECIMAL(8,2) NOT NULL
);
INSERT INTO product VALUES (1, 'pen', 1.50), (2, 'book; paperback', 12.00), (3, 'lamp', 30.00);
