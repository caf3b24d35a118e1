-- Claims read pending rows oldest first: an index in exactly that order lets H2 and PostgreSQL stop after the
-- LIMIT instead of sorting the whole queue (10,000 rows due at one minute made every claim sort them all).
DROP INDEX ix_delivery_queue;
CREATE INDEX ix_delivery_claim ON delivery (status, platform, not_before, id);
