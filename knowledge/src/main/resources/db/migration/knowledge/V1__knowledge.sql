-- Portable between SQLite and PostgreSQL: text ids, epoch-millisecond timestamps.
CREATE TABLE kb_patterns (
    id              VARCHAR(64)  PRIMARY KEY,
    data_source_id  VARCHAR(64)  NOT NULL,
    question        TEXT         NOT NULL,
    sql_text        TEXT         NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    created_by      VARCHAR(200) NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    version         INTEGER      NOT NULL,
    provenance      VARCHAR(200) NOT NULL
);
CREATE INDEX kb_patterns_ds_status ON kb_patterns (data_source_id, status);

CREATE TABLE kb_descriptions (
    data_source_id  VARCHAR(64)  NOT NULL,
    table_name      VARCHAR(300) NOT NULL,
    column_name     VARCHAR(300) NOT NULL,
    description     TEXT         NOT NULL,
    updated_at      BIGINT       NOT NULL,
    PRIMARY KEY (data_source_id, table_name, column_name)
);

CREATE TABLE kb_instructions (
    data_source_id  VARCHAR(64)  PRIMARY KEY,
    text            TEXT         NOT NULL,
    updated_at      BIGINT       NOT NULL
);

CREATE TABLE kb_glossary (
    id              VARCHAR(64)  PRIMARY KEY,
    data_source_id  VARCHAR(64)  NOT NULL,
    term            VARCHAR(300) NOT NULL,
    definition      TEXT         NOT NULL,
    created_at      BIGINT       NOT NULL
);
