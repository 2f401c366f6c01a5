-- A checkpoint holds its folded state as the UTF-8 bytes of its JSON (bytea: VARBINARY in H2, inside
-- the row) rather than as text: the JSON is written and read as bytes, and the store copies them as
-- they are, where text was encoded and decoded a character at a time on every write and read.
-- Checkpoints are made from the events alone, so the table is made anew, empty: storylines projected
-- before (layout 3) count as not projected, and are projected again when asked for.
-- Written for H2 and PostgreSQL alike.
DROP TABLE IF EXISTS state_checkpoint;
CREATE TABLE state_checkpoint (
    storyline_id  VARCHAR(255)  NOT NULL,
    series        DATE          NOT NULL,
    on_date       DATE          NOT NULL,
    ledger        bytea         NOT NULL,
    after_seq     INT,
    until_seq     INT,
    skips         TEXT,
    PRIMARY KEY (storyline_id, series, on_date)
);
