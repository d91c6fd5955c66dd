-- Join keys a data source does not declare, inferred from names, types and sampled values.
-- status: INFERRED (replaced by the next re-sync's findings), CONFIRMED (kept), REMOVED (a tombstone:
-- never inferred again). Deleted with their data source.
CREATE TABLE inferred_relationships (
    id              VARCHAR(64)  PRIMARY KEY,
    data_source_id  VARCHAR(64)  NOT NULL REFERENCES data_sources (id) ON DELETE CASCADE,
    from_schema     VARCHAR(200),
    from_table      VARCHAR(200) NOT NULL,
    from_column     VARCHAR(200) NOT NULL,
    to_schema       VARCHAR(200),
    to_table        VARCHAR(200) NOT NULL,
    to_column       VARCHAR(200) NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    containment     DOUBLE PRECISION NOT NULL,
    sampled         INTEGER      NOT NULL,
    rule            VARCHAR(40)  NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL
);

CREATE INDEX inferred_relationships_source ON inferred_relationships (data_source_id);
