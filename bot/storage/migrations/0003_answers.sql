-- Public answers: what was answered where (for cooldowns, repeat pointers and votes), the
-- votes, and the questions the bot could not answer well (for the content team).

-- Every reply the bot made to a question: kind is answer | suggest | decline | pointer.
-- Cooldowns and per-user limits count these rows; votes attach to kind = answer.
CREATE TABLE answers_given (
    answer_id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    user_id INTEGER,
    kind TEXT NOT NULL DEFAULT 'answer',
    slug TEXT,
    lang TEXT NOT NULL,
    unprompted INTEGER NOT NULL DEFAULT 0,
    question_message_id INTEGER,
    question TEXT,                 -- the question, private data replaced by type labels
    reply_message_id INTEGER,
    created_at TEXT NOT NULL
);
CREATE INDEX answers_given_chat ON answers_given (chat_id, created_at);
CREATE INDEX answers_given_user ON answers_given (user_id, created_at);

CREATE TABLE answer_votes (
    answer_id INTEGER NOT NULL REFERENCES answers_given (answer_id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    helpful INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (answer_id, user_id)
);

-- Questions are stored with private data already replaced by type labels ([UID], ...).
CREATE TABLE question_gaps (
    gap_id INTEGER PRIMARY KEY,
    question TEXT NOT NULL,
    question_key TEXT NOT NULL,
    lang TEXT NOT NULL,
    reason TEXT NOT NULL,          -- declined | downvoted
    slug TEXT,                     -- the article that got the thumbs-down
    answer_id INTEGER,             -- the answer that got it (NULL for declined questions)
    user_id INTEGER,
    created_at TEXT NOT NULL
);
CREATE INDEX question_gaps_key ON question_gaps (question_key);
-- One thumbs-down gap per answer and person, however often they press it.
CREATE UNIQUE INDEX question_gaps_vote ON question_gaps (answer_id, user_id);
