-- Orleans ADO.NET grain persistence for invariant "Npgsql". The provider binds @GrainIdHash, @GrainIdN0,
-- @GrainIdN1, @GrainTypeHash, @GrainTypeString (the state name, e.g. "shareRequest"), @GrainIdExtensionString (the
-- string key), @ServiceId, @GrainStateVersion (the etag it read; NULL before the first write) and @PayloadBinary,
-- and reads PayloadBinary, Version and NewGrainStateVersion.
--
-- Unlike a hash-indexed heap, the table has a real primary key on the grain's identity, so two activations racing
-- on a first write cannot both insert: one gets no row back and the provider raises InconsistentStateException.

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id    varchar(150) NOT NULL,
    grain_type    varchar(512) NOT NULL,
    grain_id_n0   bigint       NOT NULL,
    grain_id_n1   bigint       NOT NULL,
    -- '' when the grain has no string key, so that the key columns are never NULL.
    grain_key_ext varchar(512) NOT NULL DEFAULT '',
    grain_id_hash integer      NOT NULL,
    payload       bytea        NULL,
    version       integer      NOT NULL,
    modified_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_key_ext)
);

-- The read-model reconciler scans recent writes of one state name.
CREATE INDEX IF NOT EXISTS orleans_grain_state_recent ON orleans_grain_state (grain_type, modified_at);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
    SELECT payload AS PayloadBinary, version AS Version
    FROM orleans_grain_state
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_key_ext = COALESCE(@GrainIdExtensionString, '''')'),

-- Optimistic concurrency: an update only with the version the caller read, an insert only when it read none.
-- No row back means the caller''s etag is stale.
('WriteToStorageKey', '
    WITH updated AS (
        UPDATE orleans_grain_state
        SET payload = @PayloadBinary, version = version + 1, modified_at = now()
        WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
          AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
          AND grain_key_ext = COALESCE(@GrainIdExtensionString, '''')
          AND @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
        RETURNING version),
    inserted AS (
        INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_key_ext, grain_id_hash,
                                         payload, version, modified_at)
        SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''),
               @GrainIdHash, @PayloadBinary, 1, now()
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING version)
    SELECT version AS NewGrainStateVersion FROM updated
    UNION ALL
    SELECT version FROM inserted'),

-- Clearing keeps the row (and its version) so that a later write cannot resurrect an older etag.
('ClearStorageKey', '
    UPDATE orleans_grain_state
    SET payload = NULL, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_key_ext = COALESCE(@GrainIdExtensionString, '''')
      AND version = @GrainStateVersion
    RETURNING version AS NewGrainStateVersion'),

('DeleteStorageKey', '
    DELETE FROM orleans_grain_state
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_key_ext = COALESCE(@GrainIdExtensionString, '''')
      AND version = @GrainStateVersion
    RETURNING version + 1 AS NewGrainStateVersion')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
