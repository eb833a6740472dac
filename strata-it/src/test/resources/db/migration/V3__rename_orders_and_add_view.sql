RENAME TABLE orders TO purchase;

CREATE VIEW customer_totals AS
    SELECT c.name, COUNT(p.id) AS purchases, SUM(p.amount) AS total
    FROM customer c LEFT JOIN purchase p ON p.customer_id = c.id
    GROUP BY c.name;
