-- Reads of an entry's data through the platform (issue 11, Art 21) are recorded as access checks, with the number of
-- records each read served; NULL for a check that read nothing (POST /api/access-checks).
ALTER TABLE access_checks ADD COLUMN IF NOT EXISTS rows_read bigint NULL;
