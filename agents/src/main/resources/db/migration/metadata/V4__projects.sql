-- Projects: every data source belongs to one; chats, patterns, notes and review items belong to the
-- project of their data source. Members hold a role per project (at most their account's role).
CREATE TABLE projects (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL UNIQUE,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE project_members (
    project_id  VARCHAR(64)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id     VARCHAR(64)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        VARCHAR(20)  NOT NULL,
    PRIMARY KEY (project_id, user_id)
);

INSERT INTO projects (id, name, created_at) VALUES ('default', 'Default', 0);

-- Existing data sources and users belong to the default project.
ALTER TABLE data_sources ADD COLUMN project_id VARCHAR(64) NOT NULL DEFAULT 'default';
INSERT INTO project_members (project_id, user_id, role) SELECT 'default', id, role FROM users;
