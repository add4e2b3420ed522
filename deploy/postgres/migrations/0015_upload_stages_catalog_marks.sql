-- Data uploads under a ticket (issue 11): in cluster mode the API process checks an upload's rows and COPYs the good
-- ones itself, in its own transaction, into a table of the upload (a version table for a replacement, a table of rows
-- to merge for an upsert; Silo/Persistence/PostgresDataRecordWriter.cs). The row here is committed in that same
-- transaction: a stage exists whole or not at all, and a loader that dies mid-COPY leaves neither row nor table. No
-- reader follows a stage: only the entry's grain applies it (PostgresDataVersionSwap.Publish moves the entry's
-- pointer, data_record_versions of 0014, in one transaction that removes the row), or drops it when the upload ends
-- unapplied (a rejected upload, an expired ticket, a loader gone after staging; the grain's next upload sweeps those).
CREATE TABLE IF NOT EXISTS data_upload_stages
(
    upload_id  text PRIMARY KEY,
    entry_code text        NOT NULL,
    table_name text        NOT NULL UNIQUE,
    staged_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS data_upload_stages_entry ON data_upload_stages (entry_code);

-- Leftover of issue 11: the catalog list shows an entry's marks, suspended by an incident (Art 41) and opened for an
-- emergency (Art 35), which change no version of the entry (CatalogEntryGrain republishes its row when they change).
-- Rows written before this migration show neither until their entry is next activated or marked.
ALTER TABLE catalog_rows
    ADD COLUMN IF NOT EXISTS is_suspended   boolean NOT NULL DEFAULT false,
    ADD COLUMN IF NOT EXISTS emergency_open boolean NOT NULL DEFAULT false;
