ALTER TABLE customer ADD COLUMN email VARCHAR(255) NULL AFTER name;
CREATE UNIQUE INDEX ux_customer_email ON customer (email);

INSERT INTO customer (name, email) VALUES ('Ada', 'ada@example.com'), ('Grace', 'grace@example.com');
INSERT INTO orders (customer_id, amount) VALUES (1, 10.50), (1, 4.25), (2, 99.00);
