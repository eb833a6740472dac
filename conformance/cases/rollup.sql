-- GROUP BY ... WITH ROLLUP (MySQL manual 14.19.2 GROUP BY Modifiers): super-aggregate rows after the rows
-- of their group, rolled-up columns NULL, HAVING applied to every row, ORDER BY and LIMIT over the result.
CREATE TABLE sales (id INT PRIMARY KEY, yr INT, region VARCHAR(10), product VARCHAR(10), qty INT, price DECIMAL(8,2));
INSERT INTO sales VALUES (1, 2023, 'north', 'pen', 3, 1.50), (2, 2023, 'south', 'pen', 5, 1.50), (3, 2023, 'north', 'ink', 2, 7.25), (4, 2024, 'north', 'pen', 4, 1.75), (5, 2024, 'South', 'ink', 1, 8.00), (6, 2024, 'east', NULL, NULL, NULL), (7, NULL, 'west', 'pen', 6, 1.50);
SELECT yr, SUM(qty) FROM sales GROUP BY yr WITH ROLLUP;
SELECT yr, COUNT(*), COUNT(qty), AVG(qty) FROM sales GROUP BY yr WITH ROLLUP;
SELECT yr, LOWER(region) r, SUM(qty) FROM sales WHERE yr IS NOT NULL GROUP BY yr, r WITH ROLLUP;
SELECT yr, region, product, SUM(qty * price) FROM sales WHERE yr = 2023 GROUP BY yr, region, product WITH ROLLUP;
SELECT product, SUM(qty), MAX(price), MIN(id) FROM sales GROUP BY product WITH ROLLUP;
SELECT yr, SUM(qty) s FROM sales GROUP BY yr WITH ROLLUP HAVING s > 5;
SELECT yr, SUM(qty) FROM sales GROUP BY yr WITH ROLLUP HAVING yr IS NULL;
SELECT yr, COUNT(*) FROM sales GROUP BY yr WITH ROLLUP LIMIT 2;
SELECT yr, SUM(qty) s FROM sales GROUP BY yr WITH ROLLUP ORDER BY s DESC;
SELECT yr, SUM(qty) FROM sales GROUP BY 1 WITH ROLLUP;
SELECT yr + 1 AS nxt, COUNT(*) FROM sales WHERE yr > 2000 GROUP BY nxt WITH ROLLUP;
SELECT CONCAT('y', yr) label, SUM(qty) FROM sales GROUP BY yr WITH ROLLUP;
SELECT COALESCE(region, 'all') AS reg, SUM(qty) FROM sales WHERE yr = 2024 GROUP BY region WITH ROLLUP;
SELECT yr, product, COUNT(*) FROM sales GROUP BY yr, product WITH ROLLUP;
SELECT yr, SUM(qty), GROUPING(yr) FROM sales GROUP BY yr WITH ROLLUP;
SELECT SUM(qty) FROM sales GROUP BY yr WITH ROLLUP;
SELECT yr, GROUP_CONCAT(id ORDER BY id) FROM sales GROUP BY yr WITH ROLLUP;
SELECT * FROM (SELECT yr, SUM(qty) s FROM sales GROUP BY yr WITH ROLLUP) t WHERE s > 3;
SELECT yr, SUM(qty) FROM sales WHERE id > 100 GROUP BY yr WITH ROLLUP;
SELECT yr, SUM(qty) FROM sales GROUP BY yr DESC WITH ROLLUP;
SELECT yr, SUM(qty) FROM sales GROUP BY yr WITH ROLLUP ORDER BY yr LIMIT 3;
