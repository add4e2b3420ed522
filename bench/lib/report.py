#!/usr/bin/env python3
"""Measurements of bench/run.sh: records them one JSON line each as they are taken, then writes the report.

  report.py wrk      OUT.jsonl MODE KEY LABEL RESULT.json [NOTE]   a wrk run (bench/wrk/bench.lua's done() output)
  report.py pgbench  OUT.jsonl KEY LABEL CLIENTS OUTPUT.txt LOGPREFIX   a pgbench run and its per-transaction logs
  report.py orleans  OUT.jsonl RESULTS.jsonl                     the lines Baseline.Orleans wrote
  report.py finish   OUT.jsonl RESULTDIR SETTINGS.json            ratios, machine info; writes <date>.md/.json,
                                                                   prints the Markdown and the paths
"""
import datetime
import glob
import json
import os
import re
import subprocess
import sys


OTHER_PCT = 10  # CPU taken by other work during a step above this (% of all cores): flagged


def append(out, record):
    """Appends a measurement, with the CPU use during it (lib/cpu.py's file, named by BENCH_CPU_FILE)."""
    cpu = {}
    path = os.environ.get("BENCH_CPU_FILE", "")
    if path and os.path.exists(path):
        with open(path) as f:
            cpu = json.load(f)
    record["cpu_busy_pct"] = cpu.get("busy_pct")
    record["cpu_own_pct"] = cpu.get("own_pct")
    record["cpu_other_pct"] = cpu.get("other_pct")
    if (record["cpu_other_pct"] or 0) > OTHER_PCT:
        note = f"**other work took {record['cpu_other_pct']:.0f} % of the CPU meanwhile**"
        record["notes"] = "; ".join(n for n in (record.get("notes"), note) if n)
    with open(out, "a") as f:
        f.write(json.dumps(record) + "\n")


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    k = max(0, min(len(sorted_values) - 1, int(-(-p * len(sorted_values) // 100)) - 1))
    return sorted_values[k]


def cmd_wrk(out, mode, key, label, result_file, note=""):
    with open(result_file) as f:
        r = json.load(f)
    statuses = {str(k): v for k, v in (r.get("statuses") or {}).items()}
    if statuses:
        non_2xx = sum(v for k, v in statuses.items() if not k.startswith("2"))
    else:
        non_2xx = r["status_4xx_5xx"]
    socket = r["socket_errors"]
    socket_errors = socket["connect"] + socket["read"] + socket["write"] + socket["timeout"]
    notes = [note] if note else []
    if r.get("pool_size") is not None:
        used = "used up" if r.get("pool_exhausted") else "not used up"
        notes.append(f"pool of {r['pool_size']} ids, {used}; rate over {r['effective_duration_s']:.1f} s")
    if socket_errors:
        notes.append("socket errors: " + ", ".join(f"{k} {v}" for k, v in socket.items() if v))
    append(out, {
        "mode": mode, "key": key, "path": label, "tool": "wrk", "unit": "req/s",
        "rps": r["rps"], "p50_ms": r["p50_ms"], "p90_ms": r["p90_ms"], "p99_ms": r["p99_ms"], "max_ms": r["max_ms"],
        "requests": r["requests"], "duration_s": r["duration_s"], "effective_duration_s": r["effective_duration_s"],
        "errors": non_2xx + socket_errors, "non_2xx": non_2xx, "socket_errors": socket, "statuses": statuses,
        "harvested": r.get("harvested", 0), "pool_size": r.get("pool_size"), "notes": "; ".join(notes),
    })


def cmd_pgbench(out, key, label, clients, output_file, log_prefix):
    text = open(output_file).read()
    tps = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", text) or re.search(r"tps = ([0-9.]+)", text)
    if not tps:
        sys.exit(f"report.py: no tps in pgbench output {output_file}")
    processed = re.search(r"number of transactions actually processed: (\d+)", text)
    failed = re.search(r"number of failed transactions: (\d+)", text)
    duration = re.search(r"duration: (\d+) s", text)
    latencies = []
    for path in glob.glob(log_prefix + ".*"):
        with open(path) as f:
            for line in f:
                fields = line.split()
                if len(fields) >= 3 and fields[2].isdigit():
                    latencies.append(int(fields[2]))  # microseconds
    latencies.sort()
    append(out, {
        "mode": "baseline", "key": key, "path": label, "tool": "pgbench", "unit": "tps",
        "rps": float(tps.group(1)),
        "p50_ms": percentile(latencies, 50) / 1000, "p90_ms": percentile(latencies, 90) / 1000,
        "p99_ms": percentile(latencies, 99) / 1000, "max_ms": (latencies[-1] / 1000) if latencies else 0,
        "requests": int(processed.group(1)) if processed else len(latencies),
        "duration_s": int(duration.group(1)) if duration else None,
        "errors": int(failed.group(1)) if failed else 0, "clients": int(clients),
        "notes": f"{clients} clients, prepared statements, one INSERT per transaction",
    })


def cmd_orleans(out, results_file):
    with open(results_file) as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            activation = "activation" in r["name"]
            append(out, {
                "mode": "baseline", "key": r["name"], "path": r["description"], "tool": "Baseline.Orleans",
                "unit": "activations/s" if activation else "calls/s",
                "rps": r["rps"], "p50_ms": r["p50_ms"], "p99_ms": r["p99_ms"], "requests": r["calls"],
                "duration_s": r["seconds"], "errors": r["errors"], "concurrency": r["concurrency"],
                "notes": f"{r['concurrency']} concurrent callers",
            })


def sh(*args):
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine(root, settings):
    mem_kib = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    cpu = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": int(sh("nproc") or os.cpu_count() or 0),
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "cpu": cpu,
        "kernel": sh("uname", "-r"),
        "dotnet": sh("dotnet", "--version"),
        "git_commit": sh("git", "-C", root, "rev-parse", "HEAD"),
        "git_branch": sh("git", "-C", root, "rev-parse", "--abbrev-ref", "HEAD"),
        "git_dirty": bool(sh("git", "-C", root, "status", "--porcelain", "--untracked-files=no")),
        "wrk": " ".join(sh("sh", "-c", "wrk --version 2>&1 | head -n 1").split()[:2]),
        "pgbench": sh("pgbench", "--version"),
        "postgresql_server": settings.get("postgresql_server", ""),
    }


def fmt_rate(v):
    return f"{v:,.0f}" if v >= 100 else f"{v:,.1f}"


def fmt_ms(v):
    if v is None:
        return ""
    return f"{v:,.0f}" if v >= 100 else (f"{v:.1f}" if v >= 10 else f"{v:.2f}")


def fmt_ratio(v):
    if v is None:
        return ""
    return f"{v * 100:.1f} %" if v >= 0.01 else f"{v * 100:.2f} %"


def fmt_errors(m):
    if not m.get("errors"):
        return "0"
    detail = ", ".join(f"{n}×{code}" for code, n in sorted((m.get("statuses") or {}).items()) if not code.startswith("2"))
    return f"**{m['errors']:,}**" + (f" ({detail})" if detail else "")


MODE_ORDER = {"baseline": 0, "embedded": 1, "cluster": 2, "cluster-adonet": 3}


def cmd_finish(out, result_dir, settings_file):
    with open(settings_file) as f:
        settings = json.load(f)
    measurements = []
    if os.path.exists(out):
        with open(out) as f:
            measurements = [json.loads(line) for line in f if line.strip()]

    by_key = {(m["mode"], m["key"]): m for m in measurements}
    kestrel = by_key.get(("baseline", "kestrel-json"))
    pgbench8 = by_key.get(("baseline", "pgbench-insert-c8"))
    for m in measurements:
        m["ratio_kestrel"] = (m["rps"] / kestrel["rps"]) if kestrel and kestrel["rps"] and m["unit"] == "req/s" else None
        m["ratio_pgbench8"] = (m["rps"] / pgbench8["rps"]) if pgbench8 and pgbench8["rps"] and m["mode"].startswith("cluster") and m["key"] == "submit-unconditional" else None

    root = settings["root"]
    started = settings["started"]
    date = started[:10]
    os.makedirs(result_dir, exist_ok=True)
    name, n = date, 1
    while os.path.exists(os.path.join(result_dir, name + ".md")) or os.path.exists(os.path.join(result_dir, name + ".json")):
        n += 1
        name = f"{date}-{n}"
    info = machine(root, settings)
    doc = {
        "date": date, "started": started, "finished": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "smoke": settings["smoke"], "settings": {k: v for k, v in settings.items() if k not in ("root", "started", "postgresql_server")},
        "machine": info, "measurements": measurements,
    }
    with open(os.path.join(result_dir, name + ".json"), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")

    lines = []
    title = f"# Benchmark {date}" + (" (SMOKE: ~1 s of load per step, not a measurement)" if settings["smoke"] else "")
    lines += [title, ""]
    lines.append(f"Commit `{info['git_commit'][:12]}`{' (with uncommitted changes)' if info['git_dirty'] else ''} on `{info['git_branch']}`; "
                 f"{info['nproc']} cores ({info['cpu']}), {info['memory_gib']} GiB; .NET SDK {info['dotnet']}; {info['wrk']}; "
                 f"{info['pgbench']}; PostgreSQL server {info['postgresql_server'] or 'n/a'}.")
    lines.append("")
    lines.append(f"Load: `wrk -t{settings['threads']} -c{settings['connections']} -d{settings['duration']}s --timeout {settings['timeout']}s` "
                 f"after a {settings['warmup']} s warm-up (none for approvals); pgbench and the Orleans baseline for "
                 f"{settings['duration']} s. Started {started}, all in this one run; ratios are to the baselines of this run.")
    busy = [m for m in measurements if (m.get("cpu_other_pct") or 0) > OTHER_PCT]
    if busy:
        lines.append("")
        lines.append(f"**Warning**: in {len(busy)} of the {len(measurements)} steps other work on the machine took more than "
                     f"{OTHER_PCT} % of the CPU (see the notes): those numbers are lower than a quiet machine gives.")
    lines.append("")
    lines.append("| mode | path | rate | p50 ms | p99 ms | non-2xx / errors | vs Kestrel | vs pgbench 8 | notes |")
    lines.append("|---|---|---:|---:|---:|---|---:|---:|---|")
    for m in sorted(measurements, key=lambda m: MODE_ORDER.get(m["mode"], 9)):
        lines.append("| {mode} | {path} | {rate} {unit} | {p50} | {p99} | {errors} | {rk} | {rp} | {notes} |".format(
            mode=m["mode"], path=m["path"].replace("|", "\\|"), rate=fmt_rate(m["rps"]), unit=m["unit"],
            p50=fmt_ms(m.get("p50_ms")), p99=fmt_ms(m.get("p99_ms")), errors=fmt_errors(m),
            rk=fmt_ratio(m["ratio_kestrel"]), rp=fmt_ratio(m["ratio_pgbench8"]), notes=(m.get("notes") or "").replace("|", "\\|")))
    lines.append("")
    md = "\n".join(lines) + "\n"
    with open(os.path.join(result_dir, name + ".md"), "w") as f:
        f.write(md)
    print(md)
    print("Results: " + os.path.join(result_dir, name + ".md") + " and .json")


def main(argv):
    cmd = argv[0] if argv else ""
    if cmd == "wrk" and len(argv) >= 6:
        cmd_wrk(*argv[1:7])
    elif cmd == "pgbench" and len(argv) == 7:
        cmd_pgbench(*argv[1:])
    elif cmd == "orleans" and len(argv) == 3:
        cmd_orleans(*argv[1:])
    elif cmd == "finish" and len(argv) == 4:
        cmd_finish(*argv[1:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
