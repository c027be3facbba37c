-- X (Twitter): where mention polling stopped, which mentions were handled, thread parts sent.

-- The newest mention already handled, per X account: the next poll asks for newer ones only.
-- The row is written by the first poll ever; since_id stays NULL until a mention arrives.
CREATE TABLE x_mention_cursor (
    account_id TEXT PRIMARY KEY,        -- X ids are 64-bit numbers, kept as text like the API
    since_id TEXT,
    updated_at TEXT NOT NULL
);

-- One row per mention ever considered. The UNIQUE key is what stops a second reply: the row
-- is claimed before the reply is posted and finished after it.
CREATE TABLE x_replied_mentions (
    mention_id TEXT PRIMARY KEY,
    author_id TEXT NOT NULL,
    outcome TEXT NOT NULL,              -- claimed | answered | suggested | warned | duplicate
                                        -- | failed | declined | cooldown
    reply_tweet_id TEXT,
    claimed_at TEXT NOT NULL,
    finished_at TEXT
);

CREATE INDEX x_replied_mentions_author ON x_replied_mentions (author_id, claimed_at);

-- A thread is planned once (its parts stored) and each part is recorded as soon as X has it,
-- so a restart continues after the last recorded part instead of posting the thread again.
CREATE TABLE x_thread_parts (
    thread_key TEXT NOT NULL,           -- e.g. "announcement:42"
    part_index INTEGER NOT NULL,        -- 0-based
    text TEXT NOT NULL,
    tweet_id TEXT,                      -- NULL until sent (and for a duplicate X refused)
    outcome TEXT,                       -- NULL | sent | duplicate | deleted
    sent_at TEXT,
    PRIMARY KEY (thread_key, part_index)
);
