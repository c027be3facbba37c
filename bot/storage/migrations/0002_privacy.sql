-- Privacy guard: per-chat policy, incidents (never the secret itself) and notices to remove.

CREATE TABLE privacy_policies (
    chat_id INTEGER PRIMARY KEY,
    types TEXT NOT NULL,                -- comma-separated entity types the guard acts on
    mode TEXT NOT NULL,                 -- delete | warn
    admins TEXT NOT NULL,               -- exempt | scan (admins and anonymous/channel posts)
    notice_ttl_seconds INTEGER,         -- NULL: the install's PRIVACY_NOTICE_TTL_SECONDS
    updated_by INTEGER,
    updated_at TEXT NOT NULL
);

-- One flagged message. Only types, offsets and keyed hashes are kept, never the values.
CREATE TABLE privacy_incidents (
    incident_id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,         -- the deep-link payload after "priv_"
    chat_id INTEGER NOT NULL,
    chat_type TEXT NOT NULL,
    message_id INTEGER NOT NULL,
    user_id INTEGER,                    -- NULL for anonymous admins and channel posts
    kinds TEXT NOT NULL,                -- comma-separated entity types, most severe first
    severity TEXT NOT NULL,             -- critical | sensitive
    spans TEXT NOT NULL,                -- JSON [[type, start, end], ...]
    fingerprints TEXT NOT NULL,         -- JSON [HMAC-SHA-256 hex, key kept in memory only]
    action TEXT NOT NULL,               -- what the guard did: deleted | asked | warned_private
    created_at TEXT NOT NULL
);

CREATE INDEX privacy_incidents_by_message ON privacy_incidents (chat_id, message_id);

-- Messages to remove later: the bot's notices after their time to live, and users' messages
-- whose deletion failed and is retried with backoff. Survives restarts.
CREATE TABLE privacy_notice_deletions (
    deletion_id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    delete_at INTEGER NOT NULL,         -- epoch seconds, UTC
    UNIQUE (chat_id, message_id)
);

CREATE INDEX privacy_notice_deletions_due ON privacy_notice_deletions (delete_at);
