-- Axon's own tables: the event store, its snapshots, and the event processors' tokens.
-- The DDL of Axon 4.13's PostgresEventTableFactory and PostgresTokenTableFactory (payloads and tokens
-- as bytea, no oid large objects), which also runs on H2. Names stay unquoted and camelCase, as the
-- JDBC engine's default EventSchema and TokenSchema name them. IF NOT EXISTS: a store made before
-- Flyway kept the schema (baselined at version 0) already has these tables.
CREATE TABLE IF NOT EXISTS DomainEventEntry (
    globalIndex         BIGSERIAL     NOT NULL,
    aggregateIdentifier VARCHAR(255)  NOT NULL,
    sequenceNumber      BIGINT        NOT NULL,
    type                VARCHAR(255),
    eventIdentifier     VARCHAR(255)  NOT NULL,
    metaData            bytea,
    payload             bytea         NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255)  NOT NULL,
    timeStamp           VARCHAR(255)  NOT NULL,
    PRIMARY KEY (globalIndex),
    UNIQUE (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE IF NOT EXISTS SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255)  NOT NULL,
    sequenceNumber      BIGINT        NOT NULL,
    type                VARCHAR(255)  NOT NULL,
    eventIdentifier     VARCHAR(255)  NOT NULL,
    metaData            bytea,
    payload             bytea         NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255)  NOT NULL,
    timeStamp           VARCHAR(255)  NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE IF NOT EXISTS TokenEntry (
    processorName       VARCHAR(255)  NOT NULL,
    segment             INTEGER       NOT NULL,
    token               bytea         NULL,
    tokenType           VARCHAR(255)  NULL,
    timestamp           VARCHAR(255)  NULL,
    owner               VARCHAR(255)  NULL,
    PRIMARY KEY (processorName, segment)
);
