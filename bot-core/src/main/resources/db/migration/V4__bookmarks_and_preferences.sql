-- Readers' bookmarks (per user on a platform) and chats' display preferences.

CREATE TABLE bookmark (
    platform  VARCHAR(16)  NOT NULL,
    user_id   VARCHAR(64)  NOT NULL,
    -- a paragraph (1.11) or an excerpt (1.11.2, 1.11.2-3)
    passage   VARCHAR(32)  NOT NULL,
    saved_at  BIGINT       NOT NULL,
    CONSTRAINT pk_bookmark PRIMARY KEY (platform, user_id, passage)
);

CREATE INDEX ix_bookmark_user ON bookmark (platform, user_id, saved_at);

CREATE TABLE chat_preference (
    platform   VARCHAR(16)  NOT NULL,
    chat_id    VARCHAR(64)  NOT NULL,
    script     VARCHAR(16)  NOT NULL,
    changed_at BIGINT       NOT NULL,
    CONSTRAINT pk_chat_preference PRIMARY KEY (platform, chat_id)
);
