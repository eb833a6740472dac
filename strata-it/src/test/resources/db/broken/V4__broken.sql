INSERT INTO customer (name, email) VALUES ('Edsger', 'edsger@example.com');
INSERT INTO no_such_table (x) VALUES (1);
