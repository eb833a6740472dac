-- Warnings and errors in the diagnostics area (MySQL manual 15.6.7.7 The MySQL Diagnostics Area, 15.7.7.42
-- SHOW WARNINGS): division by zero (1365), truncated string-to-number conversion (1292), invalid dates
-- (1292), errors. Only sequences on which MariaDB 10.11 and MySQL 8 agree: MariaDB keeps the list across a
-- statement that uses no table and raises nothing (MySQL 5.6's rule), MySQL 5.7+ clears it.
SELECT 1/0;
SHOW WARNINGS;
SELECT 7 DIV 0, 7 % 0, MOD(7, 0);
SHOW WARNINGS;
SELECT 1/0, 2/0;
SELECT @@warning_count;
SELECT '12abc' + 3;
SHOW WARNINGS;
SELECT '' + 0, 'x' * 2, '1e3x' + 0;
SHOW WARNINGS;
SELECT '12' + 3, '2.5' * 2;
SELECT CAST('2024-02-30' AS DATE);
SHOW WARNINGS;
SELECT CAST(20241305 AS DATE), CAST('abc' AS DATETIME);
SHOW WARNINGS;
SELECT CAST('2024-3-5' AS DATE), CAST('24-03-05' AS DATE), CAST('20240305' AS DATE), CAST(240305 AS DATE);
SELECT CAST(20240305101112 AS DATETIME), CAST('2024/03/05 10:11:12' AS DATE), CONVERT('2024-03-05', DATE);
CREATE TABLE w (id INT PRIMARY KEY, a INT, b DECIMAL(5,2));
INSERT INTO w VALUES (1, 10, 2.50), (2, 0, 0.00), (3, NULL, NULL);
SELECT id, 100 / a, b / b FROM w ORDER BY id;
SHOW WARNINGS;
SELECT id, a DIV 0, MOD(a, b) FROM w ORDER BY id;
SHOW WARNINGS;
SELECT id FROM w WHERE id = 1;
SHOW WARNINGS;
SELECT AVG(a) FROM w WHERE id > 5;
SHOW WARNINGS;
SELECT * FROM nope;
SHOW ERRORS;
SHOW WARNINGS;
SHOW COUNT(*) WARNINGS;
SELECT @@error_count, @@warning_count;
