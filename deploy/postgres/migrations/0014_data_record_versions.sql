-- Data resources (issue 11): an entry's records move from the shared table data_records (0009) to a table of their own
-- per version, named by data_record_versions (Silo/Persistence/PostgresDataRecordWriter.cs). A full replacement COPYs
-- into a new table created in its transaction, with no index yet, builds the primary key once at the end (a sort, not
-- a million index insertions), points the entry at it and drops the previous version's table: O(1), where a DELETE of
-- the old rows cost as much as the load and left them to vacuum. Readers follow the pointer, so they see one version
-- or the next, never a mix; an incremental upsert writes into the current version's table through its primary key.

-- The current version of each entry that has records: the table that holds them (data_records_<n>, n from the
-- sequence), how many data items it has a column for, which column is its primary key, and the upload that created
-- it, which wrote every record whose upload_id is NULL.
CREATE TABLE IF NOT EXISTS data_record_versions
(
    entry_code   text PRIMARY KEY,
    table_name   text NOT NULL UNIQUE,
    column_count int  NOT NULL,
    key_column   text NOT NULL,
    upload_id    text NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS data_record_tables;

-- The records already stored move to a table per entry, of the shape a version table of an entry without a key item
-- has (see PostgresDataRecordWriter.CreateTable): key byte-wise (COLLATE "C") as before; upload_id NULL for the records
-- of the upload that created the table, else the upsert that last wrote the record; then one text column per data
-- item, v1..vN in the order of the entry's data items (an array's elements took 4 bytes more each, and its header 20
-- more per record, which a million-record load paid for in server CPU). The version of an entry with a key item that
-- a replacement creates has no key column: its key item's column is the primary key, stored once.
DO $$
DECLARE
    entry   record;
    name    text;
    columns text;
    reads   text;
BEGIN
    IF to_regclass('data_records') IS NULL THEN
        RETURN;
    END IF;
    FOR entry IN SELECT entry_code, min(upload_id) AS upload_id, max(coalesce(array_length(item_values, 1), 0)) AS width
                 FROM data_records GROUP BY entry_code LOOP
        name := 'data_records_' || nextval('data_record_tables');
        SELECT coalesce(string_agg(format(', v%s text', i), '' ORDER BY i), ''), coalesce(string_agg(format(', item_values[%s]', i), '' ORDER BY i), '')
          INTO columns, reads FROM generate_series(1, entry.width) AS i;
        EXECUTE format('CREATE TABLE %I (key text COLLATE "C" NOT NULL PRIMARY KEY, upload_id text NULL%s)', name, columns);
        EXECUTE format('INSERT INTO %I SELECT key, upload_id%s FROM data_records WHERE entry_code = $1', name, reads)
            USING entry.entry_code;
        INSERT INTO data_record_versions (entry_code, table_name, column_count, key_column, upload_id)
        VALUES (entry.entry_code, name, entry.width, 'key', entry.upload_id);
    END LOOP;
    DROP TABLE data_records;
END
$$;

-- An upload's errors are kept until a later upload of the same entry commits (the entry's report is then that one's):
-- the table no longer grows forever. Errors stored before this migration have no entry and stay.
ALTER TABLE data_upload_errors ADD COLUMN IF NOT EXISTS entry_code text NULL;
CREATE INDEX IF NOT EXISTS data_upload_errors_entry ON data_upload_errors (entry_code, upload_id);
