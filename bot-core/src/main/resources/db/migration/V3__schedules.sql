-- Several schedules per chat: one per chat and local posting time, each with its days of the week and its format.
-- Existing subscriptions become every-day text schedules.

ALTER TABLE subscription DROP CONSTRAINT uq_subscription_chat;
-- days: a bit mask, Monday bit 0 to Sunday bit 6 (127 = every day)
ALTER TABLE subscription ADD COLUMN days INTEGER DEFAULT 127 NOT NULL;
ALTER TABLE subscription ADD COLUMN post_format VARCHAR(8) DEFAULT 'TEXT' NOT NULL;
ALTER TABLE subscription ADD CONSTRAINT uq_subscription_chat_time UNIQUE (platform, chat_id, post_time);
