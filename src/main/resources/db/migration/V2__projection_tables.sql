-- The projection's tables (read models), apart from Axon's (V1) so that a later migration can
-- replace this layout on its own. Written for H2 and PostgreSQL alike: TEXT is a CLOB on H2.
-- IF NOT EXISTS: a store made before Flyway kept the schema (baselined at version 0) may have them.
CREATE TABLE IF NOT EXISTS storyline (
    storyline_id  VARCHAR(255)  NOT NULL PRIMARY KEY,
    scenario      VARCHAR(255)  NOT NULL,
    title         VARCHAR(2000),
    content_hash  VARCHAR(64)   NOT NULL,
    period_from   DATE          NOT NULL,
    period_to     DATE          NOT NULL,
    retracted     TEXT,
    removed       TEXT,
    events        INT,
    closed        BOOLEAN       DEFAULT FALSE NOT NULL
);

-- stores made before a column existed get it here
ALTER TABLE storyline ADD COLUMN IF NOT EXISTS removed TEXT;

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
    payload       TEXT          NOT NULL,
    PRIMARY KEY (storyline_id, seq)
);
CREATE INDEX IF NOT EXISTS story_event_by_day ON story_event (storyline_id, on_date, seq);
CREATE INDEX IF NOT EXISTS story_event_by_report ON story_event (storyline_id, reported, seq);

-- Folded state after each day that has events, one series per knowledge breakpoint.
-- series = '0001-01-01' holds what was known before any late report or retraction.
CREATE TABLE IF NOT EXISTS day_state (
    storyline_id  VARCHAR(255)  NOT NULL,
    series        DATE          NOT NULL,
    on_date       DATE          NOT NULL,
    ledger        TEXT          NOT NULL,
    PRIMARY KEY (storyline_id, series, on_date)
);
