-- Catalog federation (issue 12, item 3; Art 23): a platform's catalog list also holds the read-only copies of the
-- entries other platforms share with it. A copy's row names the platform that owns the entry and when this platform
-- received the version it shows (how old the copy may be); both are null on the platform's own entries. The copies
-- are rows like the others: listed, filtered and paged by the same indexes.
ALTER TABLE catalog_rows ADD COLUMN IF NOT EXISTS origin_platform text;
ALTER TABLE catalog_rows ADD COLUMN IF NOT EXISTS reported_at timestamptz;
