-- Data resources (issue 11): an entry's records are rows here, never grain state, bulk-loaded by binary COPY in one
-- transaction per upload (Silo/Persistence/PostgresDataRecordWriter.cs), so readers see an entry's records before or
-- after an upload, never a mix (MVCC).

-- One row per record of an entry, under its key: the key item's value, or the line (12 digits) for an entry without
-- one. Keys compare byte-wise (COLLATE "C"), as the embedded mode's sorted sets compare them (ordinal), so both modes
-- page in one order, and a page is one range of the primary key. item_values holds the values in the order of the
-- entry's data items when the upload that wrote the record began (not "values": a keyword of SQL); a page projects
-- only the items asked for (item_values[i], 1-based). upload_id says which upload wrote the record.
CREATE TABLE IF NOT EXISTS data_records
(
    entry_code  text             NOT NULL,
    key         text COLLATE "C" NOT NULL,
    item_values text[]           NOT NULL,
    upload_id   text             NOT NULL,
    PRIMARY KEY (entry_code, key)
);

-- The errors of an upload, by line; a line may have several (one per data item at fault), ordered as reported.
-- Written on their own connection, outside the upload's transaction: a rejected upload keeps its report.
CREATE TABLE IF NOT EXISTS data_upload_errors
(
    upload_id text   NOT NULL,
    line      bigint NOT NULL,
    ordinal   bigint NOT NULL,
    field     text   NULL,
    rule      text   NOT NULL,
    message   text   NOT NULL,
    PRIMARY KEY (upload_id, line, ordinal)
);
