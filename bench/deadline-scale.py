#!/usr/bin/env python3
"""Deadline scale (issue 9, item 6): many pending deadlines in a three-silo cluster, and a burst falling due at once.

  bench/deadline-scale.py [--total N] [--burst M] [--out DIR] [--keep]

1. Starts its own cluster (deploy/local-cluster.sh with its own state directory, ports and a fresh PostgreSQL).
2. With the clock set to a weekday morning in Shanghai, submits M conditional requests through the API (wrk): their
   answer deadlines all fall at the same instant D (24:00 of the 7th working day).
3. Restarts the cluster a day later (clock offset) and submits N - M more, due a working day or more after D.
4. Records the time and rate of creation, the table sizes, and each silo's memory.
5. Stops every process, then starts the cluster with its clock 120 s before D (it is up well before D): records how long each silo takes to
   become healthy and to read its share of the reminder table (Orleans' reminder service logs the read), and its memory.
6. Waits for the burst: every one of the M requests must turn Overdue (and none of the others); the lateness of each
   (the audit entry of its overdue act against its due instant) gives p50, p99 and max.
7. Optionally (--refresh) waits for one periodic re-read of the reminder table (every 5 minutes) and records its cost.

Writes DIR/deadline-scale-<date>.md and .json. Not part of CI (it takes minutes to hours, by N); a small version of the
burst runs in the test suite (Tests/Cluster/DeadlineBurstTests.cs).
"""
import argparse
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "lib"))
import platform as bench_platform  # noqa: E402  (bench/lib/platform.py)

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
STATE = os.environ.get("SCALE_STATE", "/tmp/datasharing-deadline-scale")
PORTS = {"PG_PORT": "55700", "API_PORT": "9280", "SILO_PORT_BASE": "21310", "GATEWAY_PORT_BASE": "40210", "HEALTH_PORT_BASE": "9280"}
API = f"http://127.0.0.1:{PORTS['API_PORT']}"
PG = f"postgresql://postgres@127.0.0.1:{PORTS['PG_PORT']}/datasharing"


def log(message):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def cluster(command, offset=None, extra=None, reminder_log=False):
    env = dict(os.environ, CLUSTER_STATE=STATE, **PORTS)
    if reminder_log:
        # The reminder service says when it has read its range (the load of a silo's share of the deadlines). Only
        # for the restart: at Debug it also logs every registration, which would slow the creation down.
        env["Logging__LogLevel__Orleans.Runtime.ReminderService.LocalReminderService"] = "Debug"
    if offset is not None:
        env["Platform__ClockOffset"] = offset
    env.update(extra or {})
    result = subprocess.run([os.path.join(ROOT, "deploy", "local-cluster.sh"), command], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"local-cluster.sh {command} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def sql(query):
    out = subprocess.run(["psql", PG, "-tAF", "\t", "-c", query], capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.strip().splitlines() if line]


def offset_to(target):
    """A ClockOffset (TimeSpan "d.hh:mm:ss") that makes now the given instant."""
    delta = target - datetime.datetime.now(datetime.timezone.utc)
    seconds = int(delta.total_seconds())
    days, rest = divmod(seconds, 86400)
    return f"{days}.{rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}"


def next_weekday_morning(after):
    day = (after.astimezone(SHANGHAI) + datetime.timedelta(days=1)).date()
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(9, 0), SHANGHAI)


def pending():
    return int(sql("SELECT count(*) FROM share_request_rows WHERE status = 'AwaitingProvider'")[0][0])


def submit(count, token, today):
    """Conditional requests through the API until `count` more are pending; returns (seconds, submitted)."""
    body = json.dumps({
        "entryCode": bench_platform.CONDITIONAL_ENTRY, "dataItems": bench_platform.CONDITIONAL_ITEMS,
        "scenario": "Deadline scale: identity checks", "periodFrom": today.isoformat(),
        "periodTo": (today + datetime.timedelta(days=300)).isoformat(), "materials": bench_platform.CONDITIONAL_MATERIALS})
    script = os.path.join(STATE, "submit.lua")
    with open(script, "w") as f:
        f.write('wrk.method = "POST"\nwrk.body = [[%s]]\nwrk.headers["Content-Type"] = "application/json"\n'
                'wrk.headers["Authorization"] = "Bearer %s"\n' % (body, token))
    start_count, started = pending(), time.time()
    while True:
        left = start_count + count - pending()
        if left <= 0:
            break
        # Chunks sized to what is left, at a rate measured as we go (wrk runs for a duration, not a count).
        seconds = max(2, min(60, left // 1000))
        subprocess.run(["wrk", "-t2", "-c64", f"-d{seconds}s", "--timeout", "30s", "-s", script, f"{API}/api/share-requests"],
                       capture_output=True, check=True)
        log(f"  {pending() - start_count:,} of {count:,} submitted")
    took = time.time() - started
    return took, pending() - start_count


def table_sizes():
    sql("ANALYZE")
    rows = sql("""SELECT relname, pg_total_relation_size(c.oid), c.reltuples::bigint FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 12""")
    return [{"table": r[0], "bytes": int(r[1]), "rows_estimate": int(r[2])} for r in rows]


def silo_memory():
    memory = {}
    for n in range(1, 4):
        pid_file = os.path.join(STATE, f"silo{n}.pid")
        with open(pid_file) as f:
            pid = f.read().strip()
        with open(f"/proc/{pid}/status") as f:
            rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS"))
        memory[f"silo{n}"] = rss * 1024
    return memory


def reminder_reads(since_line):
    """From each silo's log after line `since_line`: when it started reading its ranges, and how many it read when."""
    reads = {}
    stamp = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+)")
    for n in range(1, 4):
        path = os.path.join(STATE, "logs", f"silo{n}.log")
        with open(path, errors="replace") as f:
            lines = f.readlines()[since_line.get(n, 0):]
        first = last = None
        total = 0
        for line in lines:
            m = stamp.match(line)
            if not m:
                continue
            at = datetime.datetime.fromisoformat(m.group(1))
            if "Reading rows from" in line and first is None:
                first = at
            r = re.search(r"I read in (\d+) reminders", line)
            if r:
                total += int(r.group(1))
                last = at
        # A silo reads its range again while the ring forms (each silo that joins moves it): rows read, all passes.
        reads[f"silo{n}"] = {"reminders_read": total,
                             "seconds": (last - first).total_seconds() if first and last else None}
    return reads


def log_lengths():
    lengths = {}
    for n in range(1, 4):
        with open(os.path.join(STATE, "logs", f"silo{n}.log"), errors="replace") as f:
            lengths[n] = sum(1 for _ in f)
    return lengths


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--total", type=int, default=1_000_000)
    parser.add_argument("--burst", type=int, default=10_000)
    parser.add_argument("--out", default=os.path.join(HERE, "results"))
    parser.add_argument("--refresh", action="store_true", help="also wait for one periodic re-read of the reminder table")
    parser.add_argument("--keep", action="store_true", help="leave the cluster running")
    args = parser.parse_args()
    os.makedirs(STATE, exist_ok=True)
    result = {"total": args.total, "burst": args.burst, "commit": subprocess.run(
        ["git", "-C", ROOT, "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True).stdout.strip()}

    cluster("down")
    subprocess.run(["rm", "-rf", os.path.join(STATE, "pg"), os.path.join(STATE, "logs")])
    morning = next_weekday_morning(datetime.datetime.now(datetime.timezone.utc))
    log(f"Phase A: the burst, submitted on {morning:%Y-%m-%d %H:%M} Shanghai")
    cluster("up", offset_to(morning))
    setup_tokens = bench_platform.token(API, "DepartmentOperator", bench_platform.REQUESTER_LOAD, deadline=time.time() + 120)
    took_a, made_a = submit(args.burst, setup_tokens, morning.date())
    due = sql("SELECT min(due_at), max(due_at) FROM share_request_rows WHERE status = 'AwaitingProvider'")[0]
    if due[0] != due[1]:
        sys.exit(f"The burst's deadlines differ: {due}")
    due_at = datetime.datetime.fromisoformat(due[0].replace(" ", "T"))
    log(f"  {made_a:,} pending, all due {due_at}")

    log("Phase B: the rest, a day later")
    cluster("down")
    later = next_weekday_morning(morning)
    cluster("up", offset_to(later))
    token = bench_platform.token(API, "DepartmentOperator", bench_platform.REQUESTER_LOAD, deadline=time.time() + 120)
    took_b, made_b = submit(args.total - args.burst, token, later.date())
    created = made_a + made_b
    result["create"] = {"requests": created, "seconds": round(took_a + took_b, 1), "per_second": round(created / (took_a + took_b), 1)}
    result["tables"] = table_sizes()
    result["memory_after_create"] = silo_memory()
    result["reminders"] = int(sql("SELECT count(*) FROM orleans_reminders")[0][0])
    log(f"  created {created:,} in {took_a + took_b:,.0f} s; {result['reminders']:,} reminders")

    log("Restart: every process stopped, then the cluster started 120 s before the burst's deadline")
    cluster("down")
    lines = log_lengths()
    started = time.time()
    cluster("up", offset_to(due_at - datetime.timedelta(seconds=120)), reminder_log=True)  # building and starting take less
    result["restart"] = {"healthy_seconds": round(time.time() - started, 1), "reminder_load": reminder_reads(lines),
                         "memory_after_load": silo_memory()}
    log(f"  healthy after {result['restart']['healthy_seconds']} s; loads {result['restart']['reminder_load']}")

    log("Burst: waiting for every burst request to turn Overdue")
    waited = time.time()
    while time.time() - waited < 600:
        overdue = int(sql("SELECT count(*) FROM share_request_rows WHERE status = 'Overdue'")[0][0])
        if overdue >= made_a:
            break
        time.sleep(2)
    lateness = [float(r[0]) for r in sql("""
        SELECT extract(epoch FROM a.at - r.due_at) FROM share_request_rows r
        JOIN audit_log a ON a.case_id = r.id AND a.action = 'overdue' WHERE r.status = 'Overdue'""")]
    lateness.sort()
    others = int(sql(f"SELECT count(*) FROM share_request_rows WHERE status = 'Overdue' AND due_at > '{due_at.isoformat()}'")[0][0])
    result["burst"] = {
        "due": due_at.isoformat(), "overdue": len(lateness), "expected": made_a, "other_deadlines_fired": others,
        "lateness_seconds": {
            "p50": round(statistics.median(lateness), 1) if lateness else None,
            "p99": round(lateness[int(0.99 * (len(lateness) - 1))], 1) if lateness else None,
            "max": round(lateness[-1], 1) if lateness else None},
        "all_within_2_minutes": bool(lateness) and len(lateness) == made_a and lateness[-1] <= 120,
        "connection_refusals": sum(open(os.path.join(STATE, "logs", f"silo{n}.log"), errors="replace").read().count("too many clients")
                                   for n in range(1, 4)),
    }
    log(f"  {result['burst']}")

    if args.refresh:
        log("Waiting for one periodic re-read of the reminder table (every 5 minutes)")
        lines = log_lengths()
        time.sleep(330)
        result["refresh"] = reminder_reads(lines)
        log(f"  {result['refresh']}")

    if not args.keep:
        cluster("down")
    os.makedirs(args.out, exist_ok=True)
    name = os.path.join(args.out, f"deadline-scale-{datetime.date.today():%Y-%m-%d}")
    with open(name + ".json", "w") as f:
        json.dump(result, f, indent=2)
    with open(name + ".md", "w") as f:
        f.write(report(result))
    print(report(result))


def report(r):
    mib = lambda b: f"{b / 1048576:,.0f} MiB"
    lines = [f"# Deadline scale {datetime.date.today():%Y-%m-%d}", "",
             f"Commit `{r['commit']}`; 3 silos + API on one 2-core machine, PostgreSQL 15 (fresh).", "",
             "| what | value |", "|---|---|",
             f"| pending deadlines created | {r['create']['requests']:,} in {r['create']['seconds']:,} s ({r['create']['per_second']:,}/s, conditional requests through the API) |",
             f"| reminder rows | {r['reminders']:,} |"]
    for t in r["tables"][:6]:
        lines.append(f"| table `{t['table']}` | {mib(t['bytes'])} (~{t['rows_estimate']:,} rows) |")
    lines.append("| silo memory after creating | " + ", ".join(f"{k} {mib(v)}" for k, v in r["memory_after_create"].items()) + " |")
    lines.append(f"| full restart to healthy | {r['restart']['healthy_seconds']} s |")
    lines.append("| each silo's read of its share of the reminders after the restart | " + ", ".join(
        f"{k}: {v['reminders_read']:,} in {v['seconds']} s" for k, v in r["restart"]["reminder_load"].items()) + " |")
    lines.append("| silo memory after the restart | " + ", ".join(f"{k} {mib(v)}" for k, v in r["restart"]["memory_after_load"].items()) + " |")
    b = r["burst"]
    lines.append(f"| burst: due at the same instant | {b['expected']:,}; turned Overdue {b['overdue']:,}; other deadlines fired {b['other_deadlines_fired']} |")
    lines.append(f"| burst lateness (s) | p50 {b['lateness_seconds']['p50']}, p99 {b['lateness_seconds']['p99']}, max {b['lateness_seconds']['max']}; all within 2 minutes: {b['all_within_2_minutes']} |")
    lines.append(f"| `53300 too many clients` in the silo logs | {b['connection_refusals']} |")
    if "refresh" in r:
        lines.append("| a periodic re-read of the reminder table | " + ", ".join(
            f"{k}: {v['reminders_read']:,} in {v['seconds']} s" for k, v in r["refresh"].items()) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
