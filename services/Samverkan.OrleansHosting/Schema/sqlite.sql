-- Orleans grain storage on SQLite (the standalone host; its clustering is localhost, so no membership tables here).
--
-- Implements the query contract of Orleans 10.x's ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet 10.4.2):
-- at start the provider loads WriteToStorageKey, ReadFromStorageKey, ClearStorageKey and, optionally,
-- DeleteStorageKey from OrleansQuery, binds its parameters by name and reads result columns by name
-- (PayloadBinary, Version, NewGrainStateVersion) or, for clear/delete, the first column. The SQL is ours:
--   * A real primary key on the grain's identity instead of the reference scripts' hashed index columns, so
--     there are no hash collisions to prune. @GrainIdHash and @GrainTypeHash are bound but deliberately unused.
--   * Optimistic concurrency is the version column: every change matches on the caller's version and bumps it.
--     A write, clear or delete that returns no row is what the provider turns into InconsistentStateException.
--   * The script is idempotent (IF NOT EXISTS, query rows upserted) because every silo runs it at start, inside
--     the host's transaction; so it has no BEGIN/COMMIT of its own and no PRAGMA (journal_mode cannot change
--     inside a transaction).

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id         TEXT    NOT NULL,
    -- @GrainTypeString. For IPersistentState<T> Orleans 10 passes the state *name* here, not the grain class, and
    -- the key below holds no grain type either: grain classes that share a state name and key share a row.
    grain_type         TEXT    NOT NULL,
    grain_id_n0        INTEGER NOT NULL,
    grain_id_n1        INTEGER NOT NULL,
    -- The provider sends the key extension (or the whole key of a string-keyed grain) as a nullable string, and
    -- NULL and '' are different grains (string keys '1' and '1+' arrive as (1, NULL) and (1, '')). A primary key
    -- column cannot hold NULL, so it is stored the way Orleans writes it inside a grain id: '+' and the extension,
    -- or '' when there is none. That keeps the key lossless.
    grain_id_extension TEXT    NOT NULL,
    -- NULL after a clear: the row stays so the version keeps counting and a stale activation still conflicts.
    payload_binary     BLOB    NULL,
    version            INTEGER NOT NULL,
    -- For operators only (UTC); no query reads it.
    modified_on        TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

-- Read: at most one row (the primary key). PayloadBinary NULL means cleared, yet Version is still returned so the
-- next write continues from it.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT payload_binary AS PayloadBinary, version AS Version
FROM orleans_grain_state
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = coalesce(''+'' || @GrainIdExtensionString, '''');
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Write: the provider wants exactly one row with the new version on success and treats no row as a conflict
-- (it throws on more than one). SQLite cannot put DML in a CTE, so two statements run and at most one of them
-- returns a row: the UPDATE only matches a known version (a NULL version matches nothing), the INSERT only runs
-- for a grain that has never been stored. Each statement is atomic on its own, so two writers with the same
-- version, or two first writes of the same grain, cannot both win.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
UPDATE orleans_grain_state
SET payload_binary = @PayloadBinary, version = version + 1, modified_on = CURRENT_TIMESTAMP
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = coalesce(''+'' || @GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;

INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload_binary, version)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(''+'' || @GrainIdExtensionString, ''''), @PayloadBinary, 1
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Clear (DeleteStateOnClear = false, the default): keep the row, drop the payload, bump the version. The provider
-- reads the new version from the first column; no row means the caller's version was stale.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE orleans_grain_state
SET payload_binary = NULL, version = version + 1, modified_on = CURRENT_TIMESTAMP
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = coalesce(''+'' || @GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Delete (only used with DeleteStateOnClear = true; without this row that option fails at start): remove the row
-- if the version still matches. The provider only needs a value different from the caller's version to know it
-- succeeded (it then forgets the ETag, so the next write inserts afresh); no row means a conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
DELETE FROM orleans_grain_state
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = coalesce(''+'' || @GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version + 1 AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
