-- Series by day for the console's overview (issue 13): answers per day from the assessment facts, and violations
-- per day (e.g. share requests turned overdue, Art 43(4)). Each is an index range over the days asked, so a chart of
-- eight weeks costs the same in the platform's first month and in its tenth year.
CREATE INDEX IF NOT EXISTS assessed_cases_answered
    ON assessed_cases (kind, answered_on) INCLUDE (timeliness) WHERE answered_on IS NOT NULL;

CREATE INDEX IF NOT EXISTS violations_kind_day ON violations (case_kind, article, recorded_at);
