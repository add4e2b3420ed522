-- Art 41: who an incident on a catalog entry may affect. Both lists are read a department at a time (a skip scan over
-- the department column), so a page costs one index probe per department, however many checks or grants lie behind it.
-- Departments compare byte-wise (COLLATE "C"), as the in-memory stores compare them, whatever the server's locale.

-- The departments that used an entry: its allowed checks by department and instant (a denied check used nothing).
CREATE INDEX IF NOT EXISTS access_checks_entry_users
    ON access_checks (entry_code, (department COLLATE "C"), checked_at) WHERE allowed;

-- The departments that hold a grant of an entry.
CREATE INDEX IF NOT EXISTS share_request_rows_entry_holders
    ON share_request_rows (entry_code, (requester_department COLLATE "C")) WHERE status = 'Granted';
