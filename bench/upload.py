#!/usr/bin/env python3
"""Upload throughput (issue 11, item 1): a data resource's records loaded through the store against PostgreSQL's own
COPY of the same file, in the same run on the same server.

  bench/upload.py [--rows N] [--repeat N] [--out DIR] [--keep] [--smoke] [--api BASE]

1. Writes a CSV of N rows (default 1,000,000) shaped like the demo entry 340000-GA-0001 (household registration):
   name, idNumber (18 characters with a valid GB 11643 check digit, distinct), householdAddress, birthDate.
2. PostgreSQL: DATASHARING_PG (an Npgsql connection string) if set, else a throwaway server (deploy/postgres/pg-local.sh)
   on port 55461, stopped and removed at the end. A fresh database, migrated (deploy/postgres/migrate.sh).
3. Steps, each timed (see STEPS), in --repeat passes (default 3), each step's fastest pass reported (the one least
   disturbed by other work on the machine; every pass is in the JSON):
   - copy-baseline: `psql -c "\\copy data_copy_baseline FROM file (FORMAT csv, HEADER)"`, a plain table of 4 text
     columns: the most PostgreSQL does with the file.
   - copy-keyed: the same into a table with the store's primary key, (entry_code, key COLLATE "C") -- what an index
     costs a COPY, so the store's distance to the baseline can be read apart.
   - store-replace: bench/Upload.Store (Release): the file parsed (Sylvan.Data.Csv) and written through
     PostgresDataRecordStore as one Replace of an empty entry, committed (binary COPY in one transaction).
   - store-replace-again: the same over the entry's N records (the drop of the previous version's table included).
4. Writes DIR/upload-<date>.md and .json: rows/s of each step and the store's rate as a share of copy-baseline.

   - api-upload (with --api BASE, e.g. http://127.0.0.1:8080 of deploy/local-cluster.sh): the same file POSTed to the
     platform's upload endpoint (`POST /api/catalog/340000-GA-0001/data`, text/csv, mode=replace, badRows=reject) by
     curl, streamed: parsed and validated row by row by the API process (quality rules included) and COPYed by it into
     the upload's stage under the entry grain's ticket, then applied by the grain (primary key, pointer swap). For a
     fair ratio, point DATASHARING_PG at the cluster's PostgreSQL server.
A new path is one more function in STEPS: it gets the run's context (the CSV, the connection strings, the row count)
and returns its seconds.
"""
import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "lib"))
import cpu  # noqa: E402  (bench/lib/cpu.py)

PG_PORT = "55461"
ENTRY = "340000-GA-0001"
KEY_COLUMN = 1  # idNumber

# GB 11643-1999: the 18th character checks the first 17 (weights 2^(17-i) mod 11).
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
# Divisions of Anhui (GB/T 2260): Hefei, Wuhu, Bengbu, Huainan, Ma'anshan, Huaibei, Tongling, Anqing, ...
DIVISIONS = ["340102", "340103", "340104", "340111", "340202", "340207", "340302", "340402", "340503", "340602",
             "340705", "340802", "341002", "341102", "341202", "341302"]
DISTRICTS = {"3401": "合肥市", "3402": "芜湖市", "3403": "蚌埠市", "3404": "淮南市", "3405": "马鞍山市", "3406": "淮北市",
             "3407": "铜陵市", "3408": "安庆市", "3410": "黄山市", "3411": "滁州市", "3412": "阜阳市", "3413": "宿州市"}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥玲芬建国文辉力斌宇浩凯鹏"
STREETS = ["长江西路", "黄山路", "金寨路", "望江西路", "芜湖路", "徽州大道", "淮河路", "中山路", "人民路", "解放路"]
FIRST_DAY = datetime.date(1950, 1, 1)
DAYS = 21900  # births over 60 years


def log(message):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def id_number(i):
    """The i-th identity number: distinct for i below len(DIVISIONS) * DAYS * 999 (350 million); sequence codes from 001."""
    division = DIVISIONS[i % len(DIVISIONS)]
    birth = FIRST_DAY + datetime.timedelta(days=(i // len(DIVISIONS)) % DAYS)
    sequence = i // (len(DIVISIONS) * DAYS)
    body = f"{division}{birth:%Y%m%d}{sequence + 1:03d}"
    return body + CHECK[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11], birth


def write_csv(path, rows, seed=20201):
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("name,idNumber,householdAddress,birthDate\n")
        lines = []
        for i in range(rows):
            number, birth = id_number(i)
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
            city = DISTRICTS[number[:4]]
            # A comma inside an address: the file needs real CSV quoting, as providers' files do.
            address = f"\"安徽省{city}{rng.choice(STREETS)}{rng.randint(1, 999)}号, {rng.randint(1, 30)}栋\""
            lines.append(f"{name},{number},{address},{birth.isoformat()}\n")
            if len(lines) == 10000:
                out.writelines(lines)
                lines.clear()
        out.writelines(lines)


def npgsql_to_uri(connection):
    parts = dict(p.split("=", 1) for p in connection.split(";") if "=" in p)
    lowered = {k.strip().lower(): v.strip() for k, v in parts.items()}
    user = lowered.get("username") or lowered.get("user id") or lowered.get("userid") or "postgres"
    host = lowered.get("host") or lowered.get("server") or "127.0.0.1"
    port = lowered.get("port", "5432")
    database = lowered.get("database", "postgres")
    return f"postgresql://{user}@{host}:{port}/{database}", lowered.get("password")


def with_database(connection, database):
    parts = [p for p in connection.split(";") if p and not p.strip().lower().startswith("database=")]
    return ";".join(parts + [f"Database={database}"])


class Context:
    def __init__(self, csv, rows, connection, work, roots=()):
        self.csv, self.rows, self.connection, self.work = csv, rows, connection, work
        # This script (its psql and dotnet children count with it once reaped) and the PostgreSQL server started here.
        self.roots = [os.getpid(), *roots]
        self.notes = []  # what a step says besides its time
        self.uri, password = npgsql_to_uri(connection)
        self.env = dict(os.environ, PGOPTIONS="-c client_min_messages=warning", **({"PGPASSWORD": password} if password else {}))

    def psql(self, *commands):
        args = ["psql", self.uri, "-v", "ON_ERROR_STOP=1", "-q", "-X"]
        for command in commands:
            args += ["-c", command]
        subprocess.run(args, check=True, env=self.env, stdout=subprocess.DEVNULL)


def measured(ctx, step):
    """The step's seconds, and the share of all cores that other work on the machine took meanwhile (as run.sh)."""
    total1, busy1 = cpu.machine()
    own1 = cpu.own_ticks(ctx.roots)
    seconds = step(ctx)
    total2, busy2 = cpu.machine()
    own2 = cpu.own_ticks(ctx.roots)
    own = sum(own2.get(pid, ticks) - ticks for pid, ticks in own1.items()) + sum(t for pid, t in own2.items() if pid not in own1)
    elapsed = max(1, total2 - total1)
    return seconds, round(100 * max(0, busy2 - busy1 - own) / elapsed, 1)


def timed(action):
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def copy_baseline(ctx):
    ctx.psql("DROP TABLE IF EXISTS data_copy_baseline",
             "CREATE TABLE data_copy_baseline (name text, id_number text, household_address text, birth_date text)",
             "CHECKPOINT")
    return timed(lambda: ctx.psql(f"\\copy data_copy_baseline FROM '{ctx.csv}' (FORMAT csv, HEADER)"))


def copy_keyed(ctx):
    ctx.psql("DROP TABLE IF EXISTS data_copy_baseline",
             "DROP TABLE IF EXISTS data_copy_keyed",
             "CREATE TABLE data_copy_keyed (name text, id_number text COLLATE \"C\" PRIMARY KEY, household_address text, birth_date text)",
             "CHECKPOINT")
    seconds = timed(lambda: ctx.psql(f"\\copy data_copy_keyed FROM '{ctx.csv}' (FORMAT csv, HEADER)"))
    ctx.psql("DROP TABLE data_copy_keyed", "CHECKPOINT")
    return seconds


def store(ctx):
    dll = os.path.join(HERE, "Upload.Store", "bin", "Release", "net10.0", "Upload.Store.dll")
    result = subprocess.run(["dotnet", dll, "--connection", ctx.connection, "--csv", ctx.csv, "--entry", ENTRY,
                             "--key-column", str(KEY_COLUMN)], check=True, capture_output=True, text=True)
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    if outcome["rows"] != ctx.rows:
        sys.exit(f"the store path wrote {outcome['rows']} rows, not {ctx.rows}")
    ctx.notes.append(f"client CPU {outcome['clientCpuSeconds']:.2f} s")
    return outcome["seconds"]


def store_replace(ctx):
    seconds = store(ctx)
    check_count(ctx)
    return seconds


def check_count(ctx):
    table = current_table(ctx)
    count = subprocess.run(["psql", ctx.uri, "-X", "-t", "-A", "-c", f'SELECT count(*) FROM "{table}"'],
                           check=True, capture_output=True, text=True, env=ctx.env).stdout.strip()
    if int(count) != ctx.rows:
        sys.exit(f"{table} holds {count} records of {ENTRY}, not {ctx.rows}")


def current_table(ctx):
    """The table of the entry's current version (migration 0013), or empty if it has none."""
    return subprocess.run(["psql", ctx.uri, "-X", "-t", "-A", "-c", f"SELECT table_name FROM data_record_versions WHERE entry_code = '{ENTRY}'"],
                          check=True, capture_output=True, text=True, env=ctx.env).stdout.strip()


def store_replace_empty(ctx):
    table = current_table(ctx)
    ctx.psql(*([f'DROP TABLE "{table}"'] if table else []), "DELETE FROM data_record_versions", "CHECKPOINT")
    return store_replace(ctx)


def store_replace_again(ctx):
    ctx.psql(f'VACUUM ANALYZE "{current_table(ctx)}"', "CHECKPOINT")
    return store_replace(ctx)


def api_upload(ctx):
    """The whole platform path: HTTP, CSV parsing and row checks in the API, its binary COPY, the grain's commit."""
    request = urllib.request.Request(ctx.api + "/api/dev/tokens", method="POST", headers={"content-type": "application/json"},
                                     data=json.dumps({"role": "DepartmentOperator", "department": "340000-GA"}).encode())
    token = json.load(urllib.request.urlopen(request))["token"]
    started = time.perf_counter()
    result = subprocess.run(["curl", "-s", "-S", "-o", os.path.join(ctx.work, "api-upload.json"), "-w", "%{http_code}",
                             "-X", "POST", "-T", ctx.csv, "-H", f"authorization: Bearer {token}", "-H", "content-type: text/csv",
                             f"{ctx.api}/api/catalog/{ENTRY}/data?mode=replace&badRows=reject"], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    with open(os.path.join(ctx.work, "api-upload.json"), encoding="utf-8") as answer:
        upload = json.load(answer)
    if result.stdout.strip() != "201" or upload.get("rowsApplied") != ctx.rows:
        sys.exit(f"the API upload answered {result.stdout.strip()}: {json.dumps(upload)[:500]}")
    return seconds


# (key, label, function): each returns the seconds its rows took.
STEPS = [
    ("copy-baseline", "psql \\copy, CSV into 4 text columns (no index)", copy_baseline),
    ("copy-keyed", "psql \\copy, CSV into 4 text columns with the store's primary key", copy_keyed),
    ("store-replace", "Sylvan CSV + PostgresDataRecordStore Replace + Commit, empty entry", store_replace_empty),
    ("store-replace-again", "the same, replacing the entry's N records", store_replace_again),
]
API_STEP = ("api-upload", "POST /api/catalog/{code}/data through the platform's API (CSV streamed, rows checked, Replace)", api_upload)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", default=os.path.join(HERE, "results"))
    parser.add_argument("--keep", action="store_true", help="keep the work directory (the CSV)")
    parser.add_argument("--smoke", action="store_true", help="10,000 rows, results not written: checks the harness")
    parser.add_argument("--api", help="also upload through this platform's API (base URL of a running platform)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="passes over the steps; each step's best pass is reported (the least disturbed by other work)")
    args = parser.parse_args()
    rows = 10_000 if args.smoke else args.rows

    work = tempfile.mkdtemp(prefix="datasharing-upload-")
    os.chmod(work, 0o755)  # the server's OS user reads nothing here, but psql's \copy runs as us
    pg_dir = None
    try:
        log("build bench/Upload.Store (Release)")
        # No build servers left behind: they would count as other work during the steps.
        subprocess.run(["dotnet", "build", os.path.join(HERE, "Upload.Store"), "-c", "Release", "-v", "q", "-nologo",
                        "--disable-build-servers"], check=True,
                       stdout=subprocess.DEVNULL)

        server = os.environ.get("DATASHARING_PG")
        if not server:
            pg_dir = os.path.join(tempfile.gettempdir(), f"datasharing-upload-pg-{os.getpid()}")
            server = subprocess.run([os.path.join(ROOT, "deploy", "postgres", "pg-local.sh"), "start", pg_dir, PG_PORT],
                                    check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        database = f"bench_upload_{os.getpid()}"
        Context(os.devnull, 0, server, work).psql(f"CREATE DATABASE {database}")
        connection = with_database(server, database)
        postmaster = []
        if pg_dir:
            with open(os.path.join(pg_dir, "postmaster.pid")) as pid_file:
                postmaster = [int(pid_file.readline())]
        ctx = Context(os.path.join(work, "records.csv"), rows, connection, work, postmaster)
        ctx.api = args.api.rstrip("/") if args.api else None
        steps = STEPS + ([API_STEP] if ctx.api else [])
        subprocess.run([os.path.join(ROOT, "deploy", "postgres", "migrate.sh"), ctx.uri], check=True, env=ctx.env,
                       stdout=subprocess.DEVNULL)

        log(f"write {rows:,} rows to {ctx.csv}")
        write_csv(ctx.csv, rows)
        size = os.path.getsize(ctx.csv)

        best, passes = {}, {}
        for number in range(1, (1 if args.smoke else args.repeat) + 1):
            for key, label, step in steps:
                log(f"pass {number}, step {key}")
                ctx.notes = []
                seconds, other = measured(ctx, step)
                passes.setdefault(key, []).append({"seconds": round(seconds, 3), "cpuOtherPct": other})
                if key not in best or seconds < best[key]["seconds"]:
                    best[key] = {"key": key, "label": label, "rows": rows, "seconds": round(seconds, 3), "rowsPerSecond": round(rows / seconds),
                                 "cpuOtherPct": other, "notes": "; ".join(ctx.notes), "passes": passes[key]}
                log(f"  {rows / seconds:,.0f} rows/s ({seconds:.2f} s; other work on the machine: {other} % of all cores)")
        results = [best[key] for key, _, _ in steps]

        baseline = results[0]["rowsPerSecond"]
        for result in results:
            result["ofBaseline"] = round(result["rowsPerSecond"] / baseline, 3)
        report = {
            "date": datetime.date.today().isoformat(),
            "rows": rows,
            "csvBytes": size,
            "cores": os.cpu_count(),
            "postgres": subprocess.run(["psql", ctx.uri, "-X", "-t", "-A", "-c", "SHOW server_version"], capture_output=True,
                                       text=True, env=ctx.env).stdout.strip(),
            "steps": results,
        }
        table = render(report)
        print(table)
        if not args.smoke:
            os.makedirs(args.out, exist_ok=True)
            stem = os.path.join(args.out, f"upload-{report['date']}")
            with open(stem + ".json", "w", encoding="utf-8") as out:
                json.dump(report, out, indent=2, ensure_ascii=False)
            with open(stem + ".md", "w", encoding="utf-8") as out:
                out.write(table)
            log(f"wrote {stem}.md and .json")
        Context(os.devnull, 0, server, work).psql(f"DROP DATABASE {database}")
    finally:
        if pg_dir:
            subprocess.run([os.path.join(ROOT, "deploy", "postgres", "pg-local.sh"), "stop", pg_dir], check=False)
            shutil.rmtree(pg_dir, ignore_errors=True)
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def render(report):
    lines = [f"# Upload throughput, {report['date']}", "",
             f"{report['rows']:,} rows ({report['csvBytes'] / 1e6:.0f} MB of CSV), PostgreSQL {report['postgres']}, {report['cores']} cores; "
             f"one run, the same file and server for every step; the fastest of {len(report['steps'][0]['passes'])} passes of each.", "",
             "| step | what | seconds | rows/s | of copy-baseline | other work (% of cores) | notes |", "|---|---|---:|---:|---:|---:|---|"]
    for s in report["steps"]:
        lines.append(f"| `{s['key']}` | {s['label']} | {s['seconds']:.2f} | {s['rowsPerSecond']:,} | {s['ofBaseline']:.2f} | {s['cpuOtherPct']} | {s['notes']} |")
    if any(s["cpuOtherPct"] > 10 for s in report["steps"]):
        lines += ["", "**Warning:** other work took more than 10 % of the machine during a step: its numbers are too low."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
