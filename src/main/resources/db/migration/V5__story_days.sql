-- A row per day with events instead of a row per event: the read model no longer grows by a row
-- for each stored event. A storyline's events are its stream in the event store (DomainEventEntry,
-- aggregateIdentifier = the storyline, sequenceNumber = its place), recorded day by day, so the
-- events of a day are a range of sequence numbers. Written for H2 and PostgreSQL alike.
CREATE TABLE IF NOT EXISTS story_day (
    storyline_id   VARCHAR(255)  NOT NULL,
    on_date        DATE          NOT NULL,
    -- the first and last sequence number of the events that happened that day (NULL: none did)
    first_seq      INT,
    last_seq       INT,
    -- the sequence numbers of events of other days first reported that day, comma-separated (NULL: none)
    reported_seqs  TEXT,
    PRIMARY KEY (storyline_id, on_date)
);
-- A checkpoint folds the events of its series up to and including sequence number after_seq; the
-- events a state query folds onto it are those after it, up to until_seq (where the next checkpoint
-- of the series takes over), but for those its series leaves out (skips: late reports not known yet,
-- reports taken back), comma-separated.
ALTER TABLE state_checkpoint ADD COLUMN IF NOT EXISTS after_seq INT;
ALTER TABLE state_checkpoint ADD COLUMN IF NOT EXISTS until_seq INT;
ALTER TABLE state_checkpoint ADD COLUMN IF NOT EXISTS skips TEXT;
-- storylines projected before (layout 2) count as not projected, and are projected again when asked for
DROP TABLE IF EXISTS story_event;
