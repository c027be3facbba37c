-- Official announcements: moderators, target sets, announcements, the delivery outbox, audit.
-- Times: ISO-8601 UTC text for people, epoch seconds (REAL) where the worker compares them.

CREATE TABLE announcement_moderators (
    user_id INTEGER PRIMARY KEY,        -- numeric Telegram user id, never a username
    added_by INTEGER,                   -- NULL when seeded from MODERATOR_USER_IDS
    added_at TEXT NOT NULL
);

-- Named sets of targets ("zh-groups"); "all" is every chat where the bot is an admin.
CREATE TABLE announcement_target_sets (
    name TEXT NOT NULL,
    chat_id INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (name, chat_id)
);

CREATE TABLE announcements (
    id INTEGER PRIMARY KEY,
    created_by INTEGER NOT NULL,        -- user id; 0 for the command line
    created_at TEXT NOT NULL,
    status TEXT NOT NULL,               -- scheduled | queued | done | cancelled | deleting | deleted
    content_json TEXT NOT NULL,         -- versions by language (HTML), photo, link buttons
    targets TEXT NOT NULL,              -- all | set:<name> | ids:<id>,<id>
    pin INTEGER NOT NULL DEFAULT 0,
    silent INTEGER NOT NULL DEFAULT 0,
    send_at REAL,                       -- epoch seconds (UTC) for scheduled ones
    timezone TEXT,                      -- the zone the moderator wrote the time in
    queued_at TEXT,
    report_chat_id INTEGER,             -- where the delivery report goes (NULL: nobody)
    report_language TEXT NOT NULL DEFAULT 'en',
    reported_at TEXT
);

CREATE INDEX announcements_due ON announcements (status, send_at);

-- One row per (announcement, channel, target): the UNIQUE constraint makes enqueueing
-- idempotent, and a row recorded as sent is never sent again.
CREATE TABLE announcement_outbox (
    id INTEGER PRIMARY KEY,
    announcement_id INTEGER NOT NULL REFERENCES announcements (id),
    channel TEXT NOT NULL,              -- telegram | x
    target TEXT NOT NULL,               -- chat id (telegram) or account (x), as text
    language TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    -- pending | claimed | sending | sent | failed | deleted | cancelled
    next_attempt_at REAL NOT NULL DEFAULT 0,
    lease_until REAL,                   -- a claim; expired claims are taken again
    claimed_by TEXT,
    failures INTEGER NOT NULL DEFAULT 0, -- transient failures so far (backoff, give-up)
    in_doubt INTEGER NOT NULL DEFAULT 0, -- taken again after a claim expired mid-send
    message_id TEXT,                    -- recorded as soon as the channel accepts the send
    sent_at TEXT,
    error TEXT,                         -- why it failed for good, or the last transient error
    pending_action TEXT,                -- edit | delete | pin | unpin, on a sent row
    action_error TEXT,
    pinned INTEGER NOT NULL DEFAULT 0,
    UNIQUE (announcement_id, channel, target)
);

CREATE INDEX announcement_outbox_due ON announcement_outbox (status, next_attempt_at);

CREATE TABLE announcement_audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER NOT NULL,          -- user id; 0 for the command line
    action TEXT NOT NULL,
    subject TEXT,
    detail TEXT
);
