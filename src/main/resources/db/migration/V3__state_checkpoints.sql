-- State checkpoints instead of a folded state per day (day_state): the projection's storage grows
-- with the events, not with days x state size. Written for H2 and PostgreSQL alike.
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
