-- The restart position of each partition of an import's writing step (when it runs in more than one): each partition
-- reads the whole file and writes only its own rows, so each has its own place to resume, committed with its rows.
-- An import written by one partition keeps its position in contact_import, as before.

CREATE TABLE import_partition (
    import_id CHAR(36) NOT NULL,
    part SMALLINT NOT NULL,
    partitions SMALLINT NOT NULL,
    position_bytes BIGINT NOT NULL,
    last_line BIGINT NOT NULL,
    PRIMARY KEY (import_id, part)
);
