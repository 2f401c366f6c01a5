-- Read models of crisis-replay. Axon's own tables (events, tokens) are created by StoreSchema.
CREATE TABLE IF NOT EXISTS storyline (
    storyline_id  VARCHAR(255)  NOT NULL PRIMARY KEY,
    scenario      VARCHAR(255)  NOT NULL,
    title         VARCHAR(2000),
    content_hash  VARCHAR(64)   NOT NULL,
    period_from   DATE          NOT NULL,
    period_to     DATE          NOT NULL,
    retracted     CLOB,
    removed       CLOB,
    events        INT,
    closed        BOOLEAN       DEFAULT FALSE NOT NULL
);

-- stores made before a column existed get it here
ALTER TABLE storyline ADD COLUMN IF NOT EXISTS removed CLOB;

-- the latest stored content of each scenario id
CREATE TABLE IF NOT EXISTS scenario_head (
    scenario      VARCHAR(255)  NOT NULL PRIMARY KEY,
    storyline_id  VARCHAR(255)  NOT NULL
);

CREATE TABLE IF NOT EXISTS story_event (
    storyline_id  VARCHAR(255)  NOT NULL,
    seq           INT           NOT NULL,
    event_id      VARCHAR(255)  NOT NULL,
    on_date       DATE          NOT NULL,
    reported      DATE          NOT NULL,
    type          VARCHAR(64)   NOT NULL,
    rule          VARCHAR(255),
    payload       CLOB          NOT NULL,
    PRIMARY KEY (storyline_id, seq)
);
CREATE INDEX IF NOT EXISTS story_event_by_day ON story_event (storyline_id, on_date, seq);
CREATE INDEX IF NOT EXISTS story_event_by_report ON story_event (storyline_id, reported, seq);

-- >>> issue 12: state checkpoints (one block, to become its own migration) >>>
-- Folded state at checkpoints, one chain per knowledge breakpoint (series; '0001-01-01' holds what
-- was known before any late report or retraction). A state query reads the last checkpoint on or
-- before its day and folds the story events after it, up to that day; a checkpoint is written once
-- the events since the previous one weigh as much as that one (at least 4 KB), so the checkpoints
-- weigh about as much as the events and a fold reads about as much as the checkpoint it starts from.
CREATE TABLE IF NOT EXISTS state_checkpoint (
    storyline_id  VARCHAR(255)  NOT NULL,
    series        DATE          NOT NULL,
    on_date       DATE          NOT NULL,
    ledger        TEXT          NOT NULL,
    PRIMARY KEY (storyline_id, series, on_date)
);
-- the report date of the earliest retraction that takes a stored event back (none: NULL)
ALTER TABLE story_event ADD COLUMN IF NOT EXISTS retracted_on DATE;
-- an event's stored form is read from the event store (DomainEventEntry, joined on the storyline
-- and the sequence number): the read model keeps no second copy of it
ALTER TABLE story_event DROP COLUMN IF EXISTS payload;
-- how a storyline's states are kept: 1 = a row per day (day_state, before checkpoints), 2 = checkpoints.
-- A storyline of layout 1 counts as not projected, and is projected again from its events when asked for.
ALTER TABLE storyline ADD COLUMN IF NOT EXISTS layout INT DEFAULT 1 NOT NULL;
DROP TABLE IF EXISTS day_state;
-- <<< issue 12 <<<
