-- Instructions that came with a question ("filter names with an exact match"): kept with the turn so
-- that the SQL written at confirmation follows them too. Null when the question came alone.
ALTER TABLE turns ADD COLUMN instructions TEXT;
