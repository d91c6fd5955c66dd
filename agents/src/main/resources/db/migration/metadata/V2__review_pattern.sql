-- A review item about an existing pattern (a verified pattern the schema drift broke) names it, so
-- that approving the item repairs that pattern instead of adding another.
ALTER TABLE review_items ADD COLUMN pattern_id VARCHAR(64);
