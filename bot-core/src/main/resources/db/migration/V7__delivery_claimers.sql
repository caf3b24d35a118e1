-- The engines that claimed each platform's posts, and when each last took some: the instances sharing the platform's
-- rate limit, read at every claim. A row per engine, where counting the owners of the claimed rows read every post
-- in flight, and the index entries the claims of a busy minute leave behind.
CREATE TABLE delivery_claimer (
    platform   VARCHAR(16)  NOT NULL,
    owner      VARCHAR(120) NOT NULL,
    claimed_at BIGINT       NOT NULL,
    CONSTRAINT pk_delivery_claimer PRIMARY KEY (platform, owner)
);
