-- The open catalog (issue 11, "Standards"): the DCAT export lists the published entries open to the public (Art 36:
-- UnconditionalOpen or ConditionalOpen) a page at a time in code order. A partial index holds only the open entries,
-- by status and code, so a page of the open catalog is one index range however few of the entries are open; the
-- query names the predicate as a literal (open_type <> 'NonOpen') so that the planner can use it.
CREATE INDEX IF NOT EXISTS catalog_rows_open ON catalog_rows (status, code) WHERE open_type <> 'NonOpen';
