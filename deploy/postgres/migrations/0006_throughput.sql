-- Flat cost per operation (issue 9): every list is read a page at a time through a btree in its own order, and
-- what grows without bound is rows here, never one grain's state.

-- The audit records that name a department, in chain order: a department's page is an index range, not a scan of a
-- GIN posting list sorted afterwards. Written in the same transaction as the records (Silo/Persistence/PostgresAuditChain.cs).
CREATE TABLE IF NOT EXISTS audit_departments
(
    department text   NOT NULL,
    sequence   bigint NOT NULL REFERENCES audit_log (sequence),
    PRIMARY KEY (department, sequence)
);

INSERT INTO audit_departments (department, sequence)
SELECT DISTINCT d, a.sequence FROM audit_log a, unnest(a.departments) AS d
ON CONFLICT DO NOTHING;

-- Replaced by audit_departments; it cost a GIN update on every append.
DROP INDEX IF EXISTS audit_log_departments;

-- Access checks (Art 21): one row per check, written with its audit record in one transaction.
CREATE TABLE IF NOT EXISTS access_checks
(
    id               text        NOT NULL PRIMARY KEY,
    department       text        NOT NULL,
    entry_code       text        NOT NULL,
    data_items       text[]      NOT NULL,
    scenario         text        NOT NULL,
    allowed          boolean     NOT NULL,
    reason           text        NOT NULL,
    share_request_id text        NULL,
    denied_items     text[]      NOT NULL,
    checked_at       timestamptz NOT NULL,
    actor_subject    text        NOT NULL,
    actor_role       text        NOT NULL,
    actor_department text        NULL
);

-- A department's checks in time order (a day is a range of it).
CREATE INDEX IF NOT EXISTS access_checks_department ON access_checks (department, checked_at, id);

-- What a grant authorizes, so that the grants of a department for an entry are read from the row alone (the grant
-- cache of every silo fills itself from here, with no call to each case).
-- grant_scenario_key is the scenario as access checks compare it (AccessRules.ScenarioKey: trimmed, upper case).
ALTER TABLE share_request_rows
    ADD COLUMN IF NOT EXISTS grant_items        text[]      NULL,
    ADD COLUMN IF NOT EXISTS grant_scenario     text        NULL,
    ADD COLUMN IF NOT EXISTS grant_scenario_key text        NULL,
    ADD COLUMN IF NOT EXISTS valid_from         date        NULL,
    ADD COLUMN IF NOT EXISTS valid_to           date        NULL,
    ADD COLUMN IF NOT EXISTS granted_at         timestamptz NULL;

CREATE INDEX IF NOT EXISTS share_request_rows_grant_lookup
    ON share_request_rows (requester_department, entry_code, grant_scenario_key, valid_to DESC, id) WHERE status = 'Granted';
DROP INDEX IF EXISTS share_request_rows_grants;

-- Keyset paging in each list's own order.
CREATE INDEX IF NOT EXISTS share_request_rows_inbox_page
    ON share_request_rows (provider_department, due_at, id) WHERE status IN ('AwaitingProvider', 'Overdue');
CREATE INDEX IF NOT EXISTS share_request_rows_outbox_page
    ON share_request_rows (requester_department, received_at DESC, id);
CREATE INDEX IF NOT EXISTS share_request_rows_overdue_page
    ON share_request_rows (due_at, id) WHERE status = 'Overdue';
-- Replaced by the lists' own indexes above; each index left would cost every upsert.
DROP INDEX IF EXISTS share_request_rows_inbox;
DROP INDEX IF EXISTS share_request_rows_outbox;
DROP INDEX IF EXISTS share_request_rows_status;

-- How far each silo's read-model reconciler has checked the grain states (Silo/Persistence/ShareRequestReadModelReconciler.cs):
-- a restarted silo scans the states written since, not every state there is.
CREATE TABLE IF NOT EXISTS read_model_watermarks
(
    service_id       text        NOT NULL,
    state_name       text        NOT NULL,
    reconciled_until timestamptz NOT NULL,
    PRIMARY KEY (service_id, state_name)
);
