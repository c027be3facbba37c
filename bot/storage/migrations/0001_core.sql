-- Core tables every feature uses: the chats and users Beacon has seen, and install-wide values.

CREATE TABLE chats (
    chat_id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,                 -- private | group | supergroup | channel
    title TEXT,
    username TEXT,
    language TEXT NOT NULL DEFAULT 'en', -- en | zh: picks texts and announcement versions
    is_forum INTEGER NOT NULL DEFAULT 0,
    bot_status TEXT,                    -- creator | administrator | member | left | kicked
    bot_can_delete INTEGER NOT NULL DEFAULT 0,
    bot_can_pin INTEGER NOT NULL DEFAULT 0,
    rights_warned_at TEXT,              -- when admins were told the bot lacks rights (once)
    updated_at TEXT NOT NULL
);

CREATE TABLE users (
    user_id INTEGER PRIMARY KEY,
    first_name TEXT,
    username TEXT,
    language TEXT,
    banned INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);

CREATE TABLE install_values (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
