-- Sign-in, API keys, chat ownership and the audit log. Portable between SQLite and PostgreSQL
-- (text ids, JSON as text, epoch-millisecond timestamps, booleans as 0/1 integers).
CREATE TABLE users (
    id               VARCHAR(64)  PRIMARY KEY,
    username         VARCHAR(100) NOT NULL UNIQUE,
    display_name     VARCHAR(200) NOT NULL,
    password_hash    VARCHAR(300),
    role             VARCHAR(20)  NOT NULL,
    attributes_json  TEXT         NOT NULL,
    disabled         INTEGER      NOT NULL DEFAULT 0,
    origin           VARCHAR(20)  NOT NULL,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    last_login_at    BIGINT
);

-- Only a SHA-256 of each key's secret is kept; the secret is shown once when the key is made.
CREATE TABLE api_keys (
    id            VARCHAR(64)  PRIMARY KEY,
    user_id       VARCHAR(64)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          VARCHAR(200) NOT NULL,
    prefix        VARCHAR(40)  NOT NULL,
    secret_hash   VARCHAR(64)  NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    created_at    BIGINT       NOT NULL,
    expires_at    BIGINT,
    last_used_at  BIGINT,
    revoked_at    BIGINT
);
CREATE INDEX api_keys_user ON api_keys (user_id);

-- Append-only: the application has no statement that updates or deletes a row, and each row's
-- hash covers the previous row's hash, so a changed or removed row breaks the chain.
CREATE TABLE audit_log (
    seq          BIGINT       PRIMARY KEY,
    at           BIGINT       NOT NULL,
    actor        VARCHAR(200) NOT NULL,
    action       VARCHAR(60)  NOT NULL,
    target       VARCHAR(300),
    outcome      VARCHAR(10)  NOT NULL,
    detail_json  TEXT         NOT NULL,
    prev_hash    VARCHAR(64)  NOT NULL,
    hash         VARCHAR(64)  NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);

-- Chats made before sign-in existed have no owner; the first administrator takes them over.
ALTER TABLE chats ADD COLUMN owner VARCHAR(100);
ALTER TABLE chats ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;
