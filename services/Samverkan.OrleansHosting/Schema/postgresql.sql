-- Orleans grain storage and cluster membership on PostgreSQL (Kubernetes and the integration tests).
--
-- Implements the query contract of Orleans 10.x's ADO.NET providers (Microsoft.Orleans.Persistence.AdoNet and
-- Microsoft.Orleans.Clustering.AdoNet 10.4.2): they load their SQL from OrleansQuery by key, bind parameters by
-- name (@Name) and read result columns by name (Npgsql matches names case-insensitively, so the lower-case
-- unquoted aliases below satisfy reads of "PayloadBinary", "Version", ...) or by ordinal where noted.
-- The SQL is ours, and simpler than the reference scripts:
--   * Real primary keys instead of hashed index columns; @GrainIdHash and @GrainTypeHash are bound but unused.
--   * Every conditional change is one statement (CTEs), not a plpgsql function: a statement is atomic on its
--     own, and there are no functions to keep in step with the query rows.
--   * Times are timestamptz: Npgsql sends the providers' DbType.DateTime (UTC) parameters as timestamptz, so
--     nothing depends on the session's TimeZone.
--   * Idempotent (IF NOT EXISTS, query rows upserted) because every silo runs it at start. Run it inside one
--     transaction (the host's installer does; with psql use -1): the advisory lock below then serialises silos
--     that start together, which concurrent CREATE TABLE IF NOT EXISTS would otherwise race on.

-- Any constant works as long as every installer of this schema uses the same one.
SELECT pg_advisory_xact_lock(7283012500417);

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  text NOT NULL PRIMARY KEY,
    querytext text NOT NULL
);

-- ---------------------------------------------------------------------------------------------------------------
-- Grain storage
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id         text        NOT NULL,
    -- @GrainTypeString. For IPersistentState<T> Orleans 10 passes the state *name* here, not the grain class, and
    -- the key below holds no grain type either: grain classes that share a state name and key share a row.
    grain_type         text        NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    -- The provider sends the key extension (or the whole key of a string-keyed grain) as a nullable string, and
    -- NULL and '' are different grains (string keys '1' and '1+' arrive as (1, NULL) and (1, '')). A primary key
    -- column cannot hold NULL, so it is stored the way Orleans writes it inside a grain id: '+' and the extension,
    -- or '' when there is none. That keeps the key lossless.
    grain_id_extension text        NOT NULL,
    -- NULL after a clear: the row stays so the version keeps counting and a stale activation still conflicts.
    payload_binary     bytea       NULL,
    version            integer     NOT NULL,
    -- For operators only; no query reads it.
    modified_on        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_grain_state_pk PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

-- Read: at most one row. PayloadBinary NULL means cleared, yet Version is still returned so the next write
-- continues from it.
INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadFromStorageKey', $q$
SELECT payload_binary AS PayloadBinary, version AS Version
FROM orleans_grain_state
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = coalesce('+' || @GrainIdExtensionString, '')
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Write: one row with the new version on success, no row on a version conflict (the provider throws
-- InconsistentStateException for that). The UPDATE only matches a known version (a NULL version matches nothing);
-- the INSERT only runs for a grain never stored, and ON CONFLICT makes a racing first write lose instead of fail.
INSERT INTO orleansquery (querykey, querytext) VALUES ('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_grain_state
    SET payload_binary = @PayloadBinary, version = version + 1, modified_on = now()
    WHERE service_id = @ServiceId
      AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension = coalesce('+' || @GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload_binary, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce('+' || @GrainIdExtensionString, ''), @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_grain_state_pk DO NOTHING
    RETURNING version
)
SELECT version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT version FROM inserted
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Clear (DeleteStateOnClear = false, the default): keep the row, drop the payload, bump the version. The provider
-- reads the new version from the first column; no row means the caller's version was stale.
INSERT INTO orleansquery (querykey, querytext) VALUES ('ClearStorageKey', $q$
UPDATE orleans_grain_state
SET payload_binary = NULL, version = version + 1, modified_on = now()
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = coalesce('+' || @GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Delete (only used with DeleteStateOnClear = true; without this row that option fails at start): remove the row
-- if the version still matches. Any value other than the caller's version tells the provider it succeeded (it
-- then forgets the ETag, so the next write inserts afresh); no row means a conflict.
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteStorageKey', $q$
DELETE FROM orleans_grain_state
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension = coalesce('+' || @GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version + 1 AS NewGrainStateVersion
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- ---------------------------------------------------------------------------------------------------------------
-- Cluster membership
--
-- @DeploymentId is ClusterOptions.ClusterId. The provider gives every member row the cluster's table version as
-- its ETag, and a change only succeeds if @Version (the version the silo last read) is still current; success
-- bumps it. Insert and update report that as a single boolean column (read by ordinal). Status values are
-- Orleans' SiloStatus: 3 = Active, 6 = Dead.
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    -- For operators only: when membership last changed.
    modified_on   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_membership
(
    -- A member belongs to its cluster's version row; deleting the cluster (DeleteMembershipTableEntriesKey)
    -- is then one DELETE.
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    -- NOT NULL where the provider reads with a plain cast or Convert.ToInt32, which fail on NULL.
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    -- 'silo,date|silo,date|...' exactly as the provider formats it; NULL or '' when nobody suspects the silo.
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Creates the cluster's version row on silo start. Returns true if this call created it, false if it existed;
-- always exactly one row, since the provider takes the first.
INSERT INTO orleansquery (querykey, querytext) VALUES ('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created)
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Reads the whole cluster. The provider needs at least one row even for an empty cluster (it takes the table
-- version from the first row), hence the version row LEFT JOINed to its members; a row whose StartTime is NULL
-- stands for "no member".
INSERT INTO orleansquery (querykey, querytext) VALUES ('MembershipReadAllKey', $q$
SELECT v.version AS Version,
       m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Reads one silo, with the same shape and the same "at least the version row" rule as MembershipReadAllKey.
INSERT INTO orleansquery (querykey, querytext) VALUES ('MembershipReadRowKey', $q$
SELECT v.version AS Version,
       m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Adds a silo. The version row is bumped first: its row lock serialises concurrent membership changes, and the
-- re-check of version = @Version after waiting on that lock is what makes a stale caller lose. The member row is
-- only inserted through the bumped row, so both happen or neither does. An already present silo is refused up
-- front (NOT EXISTS) rather than by a key violation after the bump.
INSERT INTO orleansquery (querykey, querytext) VALUES ('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, modified_on = now()
    WHERE deployment_id = @DeploymentId
      AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleans_membership
                      WHERE deployment_id = @DeploymentId
                        AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), inserted AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                    proxy_port, suspect_times, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
           @ProxyPort, NULL, @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted)
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Changes a silo's status and suspicions, under the same version rule as InsertMembershipKey. IAmAliveTime never
-- moves backwards: a late or retried write must not make a live silo look older than it is.
INSERT INTO orleansquery (querykey, querytext) VALUES ('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, modified_on = now()
    WHERE deployment_id = @DeploymentId
      AND version = @Version
      AND EXISTS (SELECT 1 FROM orleans_membership
                  WHERE deployment_id = @DeploymentId
                    AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), updated AS (
    UPDATE orleans_membership m
    SET status = @Status,
        suspect_times = @SuspectTimes,
        i_am_alive_time = greatest(m.i_am_alive_time, @IAmAliveTime)
    FROM bumped
    WHERE m.deployment_id = bumped.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM updated)
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Heartbeat. Deliberately outside the version rule (the provider expects it to always succeed and ignores the
-- result); never moves backwards, for the reason given at UpdateMembershipKey.
INSERT INTO orleansquery (querykey, querytext) VALUES ('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = greatest(i_am_alive_time, @IAmAliveTime)
WHERE deployment_id = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Gateways for clients: active silos that listen for clients (ProxyPort 0 means no gateway). @Status is 3.
INSERT INTO orleansquery (querykey, querytext) VALUES ('GatewaysQueryKey', $q$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = @Status
  AND proxy_port > 0
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Removes a whole cluster (tests and tooling); its members go with it through the foreign key.
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version
WHERE deployment_id = @DeploymentId
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Pruning of dead silos, per silo. When this key exists the 10.4.2 provider reads the table, picks the Dead silos
-- that started and last heartbeat before the cutoff and have no suspicion at or after it, and deletes each with
-- the values it read. Matching all of them makes the delete a no-op for a row that changed in between.
-- SuspectTimes is compared with NULL and '' as the same "no suspicion", since the provider may hand back
-- either for a row that has none.
INSERT INTO orleansquery (querykey, querytext) VALUES ('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;

-- Pruning of dead silos in one statement (@IAmAliveTime is the cutoff). The provider requires this key to exist
-- and uses it only when CleanupDefunctSiloEntryKey is absent; it applies the same rule as the per-silo path,
-- including the suspicion dates, which the provider writes as 'yyyy-MM-dd HH:mm:ss.fff GMT'.
INSERT INTO orleansquery (querykey, querytext) VALUES ('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership m
WHERE m.deployment_id = @DeploymentId
  AND m.status = 6
  AND m.start_time < @IAmAliveTime
  AND m.i_am_alive_time < @IAmAliveTime
  AND NOT EXISTS (
      SELECT 1
      FROM unnest(string_to_array(nullif(m.suspect_times, ''), '|')) AS vote(entry)
      WHERE split_part(vote.entry, ',', 2)::timestamptz >= @IAmAliveTime)
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
