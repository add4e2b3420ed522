-- The audit log (Art 38-41): every transition of every case, every catalog edit and every access check, append
-- only. Each row's hash covers its content and the previous row's hash (computed by the platform, see
-- Grains/Audit/AuditChain.cs), so GET /api/audit/verify finds the first row that was changed, inserted or removed.
-- Appends take a transaction-scoped advisory lock, so the chain has one order across all silos.

CREATE TABLE IF NOT EXISTS audit_log
(
    sequence         bigint       NOT NULL PRIMARY KEY,
    entry_id         text         NOT NULL UNIQUE,
    at               timestamptz  NOT NULL,
    actor_subject    text         NOT NULL,
    actor_role       text         NOT NULL,
    actor_department text         NULL,
    departments      text[]       NOT NULL,
    case_kind        text         NOT NULL,
    case_id          text         NOT NULL,
    action           text         NOT NULL,
    before           text         NULL,
    after            text         NULL,
    previous_hash    char(64)     NOT NULL,
    hash             char(64)     NOT NULL
);

CREATE INDEX IF NOT EXISTS audit_log_case ON audit_log (case_id, sequence);
CREATE INDEX IF NOT EXISTS audit_log_departments ON audit_log USING gin (departments);
