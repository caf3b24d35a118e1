-- Claims alternate between the oldest waiting posts (ix_delivery_claim) and the oldest posts due in the last few
-- minutes (FairClaimOrder): this index finds the recent ones without reading through a backlog of older rows, and
-- it holds every column the backlog's size and age read, so that query never touches the table.
CREATE INDEX ix_delivery_recent ON delivery (status, platform, due_at, not_before, id);
