-- Orleans ADO.NET clustering (membership) for invariant "Npgsql".
-- The provider reads its SQL from table OrleansQuery by key, binds parameters by name
-- (@DeploymentId, @Address, ...) and reads result columns by name (case-insensitively), so only those names are
-- fixed; the tables and functions below are this project's own.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);

-- One row per cluster (DeploymentId = ClusterId): the membership table's version, bumped by every change so that
-- concurrent writers detect each other (optimistic concurrency of the membership protocol).
CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id varchar(150) NOT NULL PRIMARY KEY,
    version       integer      NOT NULL DEFAULT 0,
    changed_at    timestamptz  NOT NULL DEFAULT now()
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   varchar(150)  NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         varchar(45)   NOT NULL,
    port            integer       NOT NULL,
    generation      integer       NOT NULL,
    silo_name       varchar(150)  NOT NULL,
    host_name       varchar(150)  NOT NULL,
    status          integer       NOT NULL,
    proxy_port      integer       NULL,
    suspect_times   varchar(8000) NULL,
    start_time      timestamptz   NOT NULL,
    i_am_alive_time timestamptz   NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Inserting a silo and bumping the version must happen together or not at all: the bump is conditional on the
-- caller's version, and a failed condition raises inside a sub-block so that PostgreSQL rolls the block back.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment text, p_address text, p_port integer, p_generation integer, p_silo_name text, p_host_name text,
    p_status integer, p_proxy_port integer, p_start_time timestamptz, p_alive timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
        WHERE deployment_id = p_deployment AND version = p_version;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'stale membership version' USING ERRCODE = 'OR001';
        END IF;
        INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                        proxy_port, start_time, i_am_alive_time)
        VALUES (p_deployment, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
                p_proxy_port, p_start_time, p_alive)
        ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'silo already present' USING ERRCODE = 'OR001';
        END IF;
        RETURN 1;
    EXCEPTION WHEN SQLSTATE 'OR001' THEN
        RETURN 0;
    END;
END $$;

CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment text, p_address text, p_port integer, p_generation integer, p_status integer,
    p_suspect_times text, p_alive timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
        WHERE deployment_id = p_deployment AND version = p_version;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'stale membership version' USING ERRCODE = 'OR001';
        END IF;
        UPDATE orleans_membership
        SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_alive
        WHERE deployment_id = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no such silo' USING ERRCODE = 'OR001';
        END IF;
        RETURN 1;
    EXCEPTION WHEN SQLSTATE 'OR001' THEN
        RETURN 0;
    END;
END $$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', '
    WITH created AS (
        INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
        ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::integer FROM created'),

('InsertMembershipKey', '
    SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
                                     @ProxyPort, @StartTime, @IAmAliveTime, @Version)'),

('UpdateMembershipKey', '
    SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
                                     @IAmAliveTime, @Version)'),

-- The heartbeat is not versioned: it only moves the silo''s own alive time.
('UpdateIAmAlivetimeKey', '
    UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation'),

-- The version row is returned even when no silo matches (a LEFT JOIN), because the provider needs the version.
('MembershipReadRowKey', '
    SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
           v.version AS Version
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m
           ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId'),

('MembershipReadAllKey', '
    SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
           v.version AS Version
    FROM orleans_membership_version v
    LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId'),

('DeleteMembershipTableEntriesKey', '
    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId'),

-- Clients find gateways here: active silos (the provider passes the Active status) with a proxy port.
('GatewaysQueryKey', '
    SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
    FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0'),

-- Old incarnations that stopped heart-beating long ago; status 3 (Active) is never removed this way.
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
