-- The platform's read model: the lists that span grains (inboxes, outboxes, the overdue list, grants of a
-- department for an entry). Each share request upserts its row after every write of its state, carrying the
-- state's version; the WHERE on the upsert keeps an older version from replacing a newer one, so replays,
-- re-publications on activation and the reconciler can all write without coordination.

CREATE TABLE IF NOT EXISTS share_request_rows
(
    id                   text        NOT NULL PRIMARY KEY,
    requester_department text        NOT NULL,
    provider_department  text        NOT NULL,
    entry_code           text        NOT NULL,
    entry_name           text        NOT NULL,
    share_type           text        NOT NULL,
    status               text        NOT NULL,
    received_at          timestamptz NOT NULL,
    due_at               timestamptz NULL,
    due_date             date        NULL,
    due_provisional      boolean     NOT NULL DEFAULT false,
    version              integer     NOT NULL,
    written_at           timestamptz NOT NULL DEFAULT now()
);

-- Inbox: a provider's open requests, soonest due first.
CREATE INDEX IF NOT EXISTS share_request_rows_inbox
    ON share_request_rows (provider_department, status, due_at);

-- Outbox and access checks: a requester's requests, newest first / for one entry.
CREATE INDEX IF NOT EXISTS share_request_rows_outbox
    ON share_request_rows (requester_department, received_at DESC);
CREATE INDEX IF NOT EXISTS share_request_rows_grants
    ON share_request_rows (requester_department, entry_code, status);

-- The overdue list across the cluster.
CREATE INDEX IF NOT EXISTS share_request_rows_status
    ON share_request_rows (status, due_at);
