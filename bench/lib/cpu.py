#!/usr/bin/env python3
"""Runs one measuring command and tells how much of the machine's CPU other work took meanwhile.

  cpu.py OUT.json OWN_PIDS_FILE -- COMMAND [ARGS...]

OWN_PIDS_FILE lists, one a line, the root processes of what the benchmark itself runs (the platform's processes,
its PostgreSQL server, a baseline server); their descendants count as theirs. The command (wrk, pgbench, the Orleans
baseline) counts as the benchmark's too. OUT.json gets, over the command's run, in % of all cores:
  busy_pct   the whole machine
  own_pct    the benchmark's processes and the command
  other_pct  the rest: other work on the machine, which makes the numbers of this step too low
The command's exit code is passed on. Linux only (/proc).
"""
import json
import os
import resource
import subprocess
import sys

TICKS = os.sysconf("SC_CLK_TCK")


def machine():
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    total = sum(values[:8])  # guest time is already counted in user
    return total, total - values[3] - values[4]


def processes():
    """pid -> (ppid, CPU ticks) of every process: its own, and that of its children it has reaped (so that a
    PostgreSQL backend that ended meanwhile still counts, with its postmaster)."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        table[int(name)] = (int(fields[1]), sum(int(v) for v in fields[11:15]))
    return table


def own_ticks(roots):
    table = processes()
    children = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    seen, stack = set(), [r for r in roots if r in table]
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        stack.extend(children.get(pid, []))
    return {pid: table[pid][1] for pid in seen}


def read_roots(path):
    roots = []
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.isdigit():
                    roots.append(int(line))
    return roots


def main(argv):
    if len(argv) < 4 or argv[2] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    out, pids_file, command = argv[0], argv[1], argv[3:]
    roots = read_roots(pids_file)
    total1, busy1 = machine()
    own1 = own_ticks(roots)
    code = subprocess.call(command)
    total2, busy2 = machine()
    own2 = own_ticks(roots)
    # Processes gone meanwhile (e.g. a PostgreSQL backend of a closed connection) count with what they had.
    own = sum(own2.get(pid, ticks) - ticks for pid, ticks in own1.items()) + sum(t for pid, t in own2.items() if pid not in own1)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    own += (usage.ru_utime + usage.ru_stime) * TICKS
    elapsed = max(1, total2 - total1)
    busy = busy2 - busy1
    result = {
        "busy_pct": round(100 * busy / elapsed, 1),
        "own_pct": round(100 * min(busy, own) / elapsed, 1),
        "other_pct": round(100 * max(0, busy - own) / elapsed, 1),
    }
    with open(out, "w") as f:
        json.dump(result, f)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
