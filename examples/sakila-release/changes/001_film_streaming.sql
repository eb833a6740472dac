-- The release's schema change: films can be streamed; every film made after 2005 gets a streaming price.
ALTER TABLE film ADD COLUMN streaming_price DECIMAL(4,2) NULL;
UPDATE film SET streaming_price = rental_rate + 1.00 WHERE release_year >= 2005;
CREATE INDEX idx_film_streaming ON film (streaming_price);
