-- Announcement outbox: who owns a leased row right now, and whether actions arrived meanwhile.

-- One claim's token (worker id + a fresh suffix per claim). Every outcome a worker records
-- (sent, failed, retry, action done) applies only while its token is still on the row, so a
-- worker whose lease was taken over cannot overwrite the new owner's state.
ALTER TABLE announcement_outbox ADD COLUMN claim_token TEXT;

-- Bumped whenever a moderator asks for an edit, delete, pin or unpin on the row. A worker
-- clears the action it carried out only if no new request arrived while it was in flight.
ALTER TABLE announcement_outbox ADD COLUMN action_seq INTEGER NOT NULL DEFAULT 0;
