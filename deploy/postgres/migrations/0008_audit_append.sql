-- Appending to the audit chain in one statement (issue 9): the silo's group commit sends its rows and this call in one
-- pipelined batch, committed by PostgreSQL at the batch's end, so the chain's advisory lock is held only while the
-- server runs, never across a round trip to a silo. Before, the lock was held from reading the head until the silo's
-- COMMIT arrived: three silos took turns on it at the pace of their round trips (about 80 transactions a second on a
-- busy 2-core machine, whatever their size).
--
-- The hash is the one Grains/Audit/AuditChain.cs computes and verifies: SHA-256 over length-prefixed fields, the
-- sequence first and the previous hash last. The silo sends the fields between them already encoded (content[i]:
-- AuditChain.Content), so both sides hash the same bytes; only the sequence and the previous hash are known here.
-- An entry whose id the log already has is skipped (appends are idempotent by entry id).
CREATE OR REPLACE FUNCTION audit_append(
    ids text[], ats timestamptz[], subjects text[], roles text[], actor_departments text[], departments text[],
    case_kinds text[], case_ids text[], actions text[], befores text[], afters text[], contents text[])
    RETURNS integer
    LANGUAGE plpgsql
AS
$$
DECLARE
    head_sequence bigint;
    head_hash     text;
    next_sequence bigint;
    next_hash     text;
    appended      integer := 0;
BEGIN
    -- "datasharing audit": every appender, on every silo, takes turns on the chain's head.
    PERFORM pg_advisory_xact_lock(7305411630562218054);
    SELECT a.sequence, a.hash INTO head_sequence, head_hash FROM audit_log a ORDER BY a.sequence DESC LIMIT 1;
    head_sequence := coalesce(head_sequence, 0);
    head_hash := coalesce(head_hash, repeat('0', 64));

    FOR i IN 1 .. coalesce(array_length(ids, 1), 0)
        LOOP
            CONTINUE WHEN EXISTS (SELECT 1 FROM audit_log a WHERE a.entry_id = ids[i]);
            next_sequence := head_sequence + 1;
            next_hash := encode(sha256(convert_to(
                length(next_sequence::text) || ':' || next_sequence::text || '|' || contents[i] || length(head_hash) || ':' || head_hash || '|',
                'UTF8')), 'hex');
            INSERT INTO audit_log (sequence, entry_id, at, actor_subject, actor_role, actor_department, departments,
                                   case_kind, case_id, action, before, after, previous_hash, hash)
            VALUES (next_sequence, ids[i], ats[i], subjects[i], roles[i], actor_departments[i], string_to_array(departments[i], ','),
                    case_kinds[i], case_ids[i], actions[i], befores[i], afters[i], head_hash, next_hash);
            -- A department's records are read in pages by (department, sequence): one index row per department named.
            INSERT INTO audit_departments (department, sequence)
            SELECT DISTINCT d, next_sequence FROM unnest(string_to_array(departments[i], ',')) AS d;
            head_sequence := next_sequence;
            head_hash := next_hash;
            appended := appended + 1;
        END LOOP;
    RETURN appended;
END
$$;
