-- The thread (a Telegram forum topic) a subscription was made in, where its posts go; NULL for the chat itself.
ALTER TABLE subscription ADD COLUMN thread_id VARCHAR(64);
