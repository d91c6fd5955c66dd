-- Portable between SQLite and PostgreSQL: text ids, JSON as text, epoch-millisecond timestamps,
-- booleans as 0/1 integers.
CREATE TABLE data_sources (
    id              VARCHAR(64)  PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    type            VARCHAR(40)  NOT NULL,
    settings_json   TEXT         NOT NULL,
    secrets_enc     TEXT,
    is_default      INTEGER      NOT NULL DEFAULT 0,
    schema_json     TEXT,
    schema_at       BIGINT,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL
);

CREATE TABLE chats (
    id              VARCHAR(64)  PRIMARY KEY,
    title           VARCHAR(300) NOT NULL,
    data_source_id  VARCHAR(64)  NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL
);

CREATE TABLE turns (
    id                 VARCHAR(64)  PRIMARY KEY,
    chat_id            VARCHAR(64)  NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    seq                INTEGER      NOT NULL,
    question           TEXT         NOT NULL,
    client_message_id  VARCHAR(100),
    state              VARCHAR(32)  NOT NULL,
    source             VARCHAR(16),
    confidence         DOUBLE PRECISION NOT NULL DEFAULT 0,
    plan_json          TEXT,
    draft_sql          TEXT,
    sql_text           TEXT,
    validation_json    TEXT,
    result_json        TEXT,
    error_json         TEXT,
    created_at         BIGINT       NOT NULL,
    updated_at         BIGINT       NOT NULL,
    UNIQUE (chat_id, seq)
);
CREATE UNIQUE INDEX turns_client_message ON turns (chat_id, client_message_id);

CREATE TABLE chat_events (
    chat_id         VARCHAR(64)  NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    seq             BIGINT       NOT NULL,
    turn_id         VARCHAR(64),
    type            VARCHAR(40)  NOT NULL,
    payload_json    TEXT         NOT NULL,
    created_at      BIGINT       NOT NULL,
    PRIMARY KEY (chat_id, seq)
);

CREATE TABLE feedback (
    id              VARCHAR(64)  PRIMARY KEY,
    turn_id         VARCHAR(64)  NOT NULL,
    rating          VARCHAR(8)   NOT NULL,
    reason          TEXT,
    corrected_sql   TEXT,
    created_at      BIGINT       NOT NULL,
    processed_at    BIGINT
);

CREATE TABLE review_items (
    id              VARCHAR(64)  PRIMARY KEY,
    data_source_id  VARCHAR(64)  NOT NULL,
    turn_id         VARCHAR(64),
    feedback_id     VARCHAR(64),
    question        TEXT         NOT NULL,
    sql_text        TEXT         NOT NULL,
    reason          VARCHAR(32)  NOT NULL,
    detail          TEXT,
    preview_json    TEXT,
    status          VARCHAR(16)  NOT NULL,
    reviewer        VARCHAR(200),
    note            TEXT,
    history_json    TEXT         NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL
);
CREATE INDEX review_items_status ON review_items (status, created_at);

CREATE TABLE settings (
    key             VARCHAR(100) PRIMARY KEY,
    value           TEXT         NOT NULL
);
