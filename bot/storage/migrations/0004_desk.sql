-- The private support desk: intake drafts, tickets, their conversation, ratings, staff names.
-- Every row that belongs to a user carries user_id, so /forget can delete it all.

-- One conversation in progress per user (a ticket or complaint draft, a rating comment, ...).
CREATE TABLE desk_intake (
    user_id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                 -- ticket | complaint | rating_comment | verify
    step TEXT NOT NULL,
    answers TEXT NOT NULL DEFAULT '{}', -- JSON: the answers so far (secrets already redacted)
    editing INTEGER NOT NULL DEFAULT 0, -- 1: return to the summary after this step
    language TEXT NOT NULL DEFAULT 'en',
    updated_at TEXT NOT NULL
);

CREATE TABLE desk_tickets (
    ticket_id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    kind TEXT NOT NULL,                 -- ticket | complaint
    category TEXT NOT NULL,
    status TEXT NOT NULL,               -- open | closed
    language TEXT NOT NULL,
    answers TEXT NOT NULL,              -- JSON: the intake answers (secrets redacted)
    assignee_id INTEGER,
    staff_chat_id INTEGER,
    staff_thread_id INTEGER,            -- forum topic id, when the staff chat is a forum
    staff_header_message_id INTEGER,    -- the ticket's first message in the staff chat
    outcome TEXT,                       -- satisfied | unsatisfied (complaints, after close)
    off_hours_notice_at TEXT,           -- last "we reply during working hours" notice
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    closed_at TEXT
);

CREATE INDEX desk_tickets_user ON desk_tickets (user_id, status);
CREATE INDEX desk_tickets_thread ON desk_tickets (staff_chat_id, staff_thread_id);

-- The ticket's conversation: what the user and the agents said, and internal notes.
CREATE TABLE desk_messages (
    entry_id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES desk_tickets (ticket_id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,           -- the ticket's user (for /forget), not the author
    direction TEXT NOT NULL,            -- user | agent | note | event
    author_id INTEGER,
    text TEXT NOT NULL DEFAULT '',      -- redacted of secrets
    media TEXT,                         -- photo | document | video | voice | other
    file_name TEXT,
    user_message_id INTEGER,            -- the message in the user's private chat
    staff_message_id INTEGER,           -- the message in the staff chat
    created_at TEXT NOT NULL
);

CREATE INDEX desk_messages_ticket ON desk_messages (ticket_id, entry_id);
CREATE INDEX desk_messages_staff ON desk_messages (staff_message_id);
CREATE INDEX desk_messages_user_chat ON desk_messages (user_id, user_message_id);

CREATE TABLE desk_ratings (
    ticket_id INTEGER PRIMARY KEY REFERENCES desk_tickets (ticket_id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    score INTEGER NOT NULL,
    comment TEXT,
    created_at TEXT NOT NULL
);

-- Staff usernames as last seen, so /verify @name can answer (identity is the user id).
CREATE TABLE desk_staff_names (
    user_id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
