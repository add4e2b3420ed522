-- The console's overview (issue 13) at a cost that does not grow with the platform's age: series by day (answers per
-- day from the assessment facts, violations per day, e.g. share requests turned overdue, Art 43(4)) and the soonest
-- due open requests are each an index range over what is asked for.
CREATE INDEX IF NOT EXISTS assessed_cases_answered
    ON assessed_cases (kind, answered_on) INCLUDE (timeliness) WHERE answered_on IS NOT NULL;

CREATE INDEX IF NOT EXISTS violations_kind_day ON violations (case_kind, article, recorded_at);

-- The overview's "due this week": every department's requests awaiting an answer, soonest due first (as the overdue
-- list has share_request_rows_overdue_page).
CREATE INDEX IF NOT EXISTS share_request_rows_awaiting_page
    ON share_request_rows (due_at, id) WHERE status = 'AwaitingProvider';
