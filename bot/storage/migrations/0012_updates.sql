-- Updates already taken by some replica: the primary key is what drops a retried webhook
-- delivery, or one that reached two replicas. `stamp` (the update's date, or a callback's id:
-- never its content) tells a reused id (Telegram picks ids anew after a week of silence; a
-- restarted emulator starts again at 1) from a second delivery of the same update.
CREATE TABLE processed_updates (
    update_id INTEGER PRIMARY KEY,
    stamp TEXT NOT NULL,
    received_at INTEGER NOT NULL        -- epoch seconds, UTC; rows are kept two days
);

CREATE INDEX processed_updates_age ON processed_updates (received_at);
