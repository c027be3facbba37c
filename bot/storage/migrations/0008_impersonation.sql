-- Anti-impersonation: who is official in each chat, per-chat policy, cases staff review,
-- names staff cleared, and the audit log. No member's message text is stored: a message
-- case keeps its kind and the handle or host it pointed to.

-- The identities of official people (staff, owners, moderators, chat administrators), by
-- user id. Names are refreshed whenever Telegram shows them; a username a staff member
-- gave up stays protected (former = 1) so nobody else can take it and pass for them.
CREATE TABLE guard_identities (
    user_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    username TEXT NOT NULL DEFAULT '',
    former INTEGER NOT NULL DEFAULT 0,
    seen_at INTEGER NOT NULL,            -- epoch seconds
    PRIMARY KEY (user_id, name, username)
);

-- Each chat's administrators as Telegram last listed them.
CREATE TABLE guard_chat_admins (
    chat_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    refreshed_at INTEGER NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);

CREATE TABLE guard_policies (
    chat_id INTEGER PRIMARY KEY,
    mode TEXT NOT NULL,                  -- restrict | warn | off
    exact TEXT NOT NULL,                 -- ban | review: an exact copy of an admin's name
    messages TEXT NOT NULL,              -- on | off: scam message moderation
    updated_by INTEGER,
    updated_at INTEGER NOT NULL
);

CREATE TABLE guard_cases (
    case_id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    user_id INTEGER,                     -- NULL for a channel posting as itself
    sender_chat_id INTEGER,
    kind TEXT NOT NULL,                  -- name | message
    name_key TEXT NOT NULL DEFAULT '',   -- the confusable skeleton of the name flagged
    resembles TEXT,                      -- the official identity it imitates
    reason TEXT NOT NULL,                -- confusable | staff-word | edit-distance | dm-offer ...
    action TEXT NOT NULL,                -- restricted | warned | banned | deleted | none
    status TEXT NOT NULL,                -- open | banned | cleared
    alert_chat_id INTEGER,
    alert_message_id INTEGER,
    decided_by INTEGER,
    created_at INTEGER NOT NULL,
    decided_at INTEGER
);

CREATE INDEX guard_cases_by_user ON guard_cases (user_id, status);

-- "It's fine": this user with this name (skeleton key) is not flagged again.
CREATE TABLE guard_cleared_names (
    user_id INTEGER NOT NULL,
    name_key TEXT NOT NULL,
    cleared_by INTEGER NOT NULL,
    cleared_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, name_key)
);

CREATE TABLE guard_audit (
    audit_id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    chat_id INTEGER,
    actor_id INTEGER NOT NULL,           -- the staff member, or -1 for the bot itself
    action TEXT NOT NULL,
    user_id INTEGER,
    case_id INTEGER,
    detail TEXT
);
