-- The release's schema change: books get a stock count; every title starts with 3 copies.
ALTER TABLE book ADD COLUMN stock INT NOT NULL DEFAULT 0;
UPDATE book SET stock = 3;
