-- Case lists, assessment facts, violations, the catalog list and its versions, and the cases waiting for a calendar
-- year (issue 9): rows here instead of one grain's state rewritten whole on every change. Every list is read a page
-- at a time through a btree in its own order. The ids and codes that break ties compare byte-wise (COLLATE "C"), as
-- the embedded mode's in-memory indexes compare them (ordinal), so both modes list in one order.

-- One row per case of the case lists (reviews, catalog changes, notices, conflicts, personalized-catalog requests).
-- A case upserts its row after every write of its state and on every activation; the version on the upsert keeps an
-- older row from replacing a newer one. due_sort is due_at, or 'infinity' for a case without a running deadline: the
-- lists put those last and the keyset comparison needs no NULL.
CREATE TABLE IF NOT EXISTS case_rows
(
    kind        text             NOT NULL,
    id          text COLLATE "C" NOT NULL,
    status      text             NOT NULL,
    title       text             NOT NULL,
    departments text[]           NOT NULL,
    due_at      timestamptz      NULL,
    due_sort    timestamptz      NOT NULL,
    opened_at   timestamptz      NOT NULL,
    updated_at  timestamptz      NOT NULL,
    version     integer          NOT NULL,
    open        boolean          NOT NULL,
    written_at  timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, id)
);

-- Oversight's lists (every department): all of a kind, or its open or closed cases, or one status.
CREATE INDEX IF NOT EXISTS case_rows_page ON case_rows (kind, due_sort, id);
CREATE INDEX IF NOT EXISTS case_rows_open_page ON case_rows (kind, open, due_sort, id);
CREATE INDEX IF NOT EXISTS case_rows_status_page ON case_rows (kind, lower(status), due_sort, id);

-- A department's lists: one row per (case, department it concerns), carrying what the lists filter and sort on, so a
-- page is one index range (written in the same statement as the case's row).
CREATE TABLE IF NOT EXISTS case_departments
(
    kind       text             NOT NULL,
    department text             NOT NULL,
    id         text COLLATE "C" NOT NULL,
    status     text             NOT NULL,
    due_sort   timestamptz      NOT NULL,
    open       boolean          NOT NULL,
    PRIMARY KEY (kind, department, id)
);

CREATE INDEX IF NOT EXISTS case_departments_page ON case_departments (kind, department, due_sort, id);
CREATE INDEX IF NOT EXISTS case_departments_open_page ON case_departments (kind, department, open, due_sort, id);
CREATE INDEX IF NOT EXISTS case_departments_status_page ON case_departments (kind, department, lower(status), due_sort, id);

-- Assessment facts (Art 42): one row per case, in its responsible department's year (of receipt), upserted by version
-- (a fact of the same version replaces it only if it differs: its answer time computed on a calendar loaded since).
-- answer_working_days is counted when the case reports its answer, so an assessment is one aggregate over an index range.
CREATE TABLE IF NOT EXISTS assessed_cases
(
    kind                text        NOT NULL,
    case_id             text        NOT NULL,
    department          text        NOT NULL,
    year                integer     NOT NULL,
    received_on         date        NOT NULL,
    timeliness          text        NOT NULL,
    answered_on         date        NULL,
    answer_working_days integer     NULL,
    version             integer     NOT NULL,
    written_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, case_id)
);

CREATE INDEX IF NOT EXISTS assessed_cases_department_year
    ON assessed_cases (department, year, kind, timeliness) INCLUDE (answer_working_days);

-- Violation records (Art 43), idempotent by id (derived from the case and the breach). Newest first, for the
-- authority and per department.
CREATE TABLE IF NOT EXISTS violations
(
    id          text COLLATE "C" NOT NULL PRIMARY KEY,
    department  text             NOT NULL,
    article     text             NOT NULL,
    case_kind   text             NOT NULL,
    case_id     text             NOT NULL,
    description text             NOT NULL,
    recorded_at timestamptz      NOT NULL
);

CREATE INDEX IF NOT EXISTS violations_newest ON violations (recorded_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS violations_department_newest ON violations (department, recorded_at DESC, id DESC);

-- The catalog list: one row per entry, upserted by version (a changed copy of the same version replaces it too: the
-- Art 14 consent mark is not a new version of the content). Listed by code; a filter by provider or status is an
-- index range, and what the viewer may see is part of the query.
CREATE TABLE IF NOT EXISTS catalog_rows
(
    code                text COLLATE "C" NOT NULL PRIMARY KEY,
    name                text             NOT NULL,
    classification      text             NOT NULL,
    provider_department text             NOT NULL,
    share_type          text             NOT NULL,
    open_type           text             NOT NULL,
    status              text             NOT NULL,
    version             integer          NOT NULL,
    updated_at          timestamptz      NOT NULL,
    is_personalized     boolean          NOT NULL,
    written_at          timestamptz      NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS catalog_rows_provider ON catalog_rows (provider_department, code);
CREATE INDEX IF NOT EXISTS catalog_rows_status ON catalog_rows (status, code);

-- Every version of every entry (Art 38), idempotent by (code, version); the content as JSON.
CREATE TABLE IF NOT EXISTS catalog_versions
(
    code              text COLLATE "C" NOT NULL,
    version           integer          NOT NULL,
    content           jsonb            NOT NULL,
    edited_subject    text             NOT NULL,
    edited_role       text             NOT NULL,
    edited_department text             NULL,
    edited_at         timestamptz      NOT NULL,
    note              text             NULL,
    PRIMARY KEY (code, version)
);

-- Cases holding a provisional deadline, by the calendar year not loaded yet that made it provisional. Loading the
-- year calls them back a page at a time and deletes the rows of those it reached.
CREATE TABLE IF NOT EXISTS provisional_watchers
(
    year   integer          NOT NULL,
    bearer text COLLATE "C" NOT NULL,
    PRIMARY KEY (year, bearer)
);
