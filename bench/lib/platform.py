#!/usr/bin/env python3
"""The platform side of bench/run.sh: tokens, the grant the access checks use, request bodies, single probes.

It reads from responses only what it needs (a token, an id, whether a check is allowed), so that it keeps working
when response shapes change (e.g. lists becoming {"items": [...], "next": ...}).

  platform.py setup BASE OUT.json     wait for demo tokens, make the tokens, the grant and the bodies; write them
  platform.py probe METHOD URL [--token T] [--body B]   one request; exit 1 unless 2xx
  platform.py pool BASE SETUP.json N OUT.ids   submit N conditional requests (the approval warm-up), ids to OUT
"""
import datetime
import json
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

REQUESTER_GRANT = "340000-RS"   # holds the grant the access checks are made against
REQUESTER_LOAD = "340000-SC"    # submits the load of new requests (so the grant holder's cases stay few)
PROVIDER = "340000-GA"          # provides both entries: its inbox and its approvals
UNCONDITIONAL_ENTRY = "340000-GA-0002"   # resident identity card validity (Silo/Demo/DemoProvince.cs)
UNCONDITIONAL_ITEMS = ["idNumber", "cardStatus"]
CONDITIONAL_ENTRY = "340000-GA-0001"     # resident household registration: needs two materials
CONDITIONAL_ITEMS = ["name", "idNumber"]
CONDITIONAL_MATERIALS = [
    {"name": "Official letter of request", "reference": "BENCH-LETTER-1"},
    {"name": "Data security commitment", "reference": "BENCH-SEC-1"},
]
GRANT_SCENARIO = "Benchmark: verify identity card validity for benefit claims"
LOAD_SCENARIO = "Benchmark: market entity legal representative checks"


def call(method, url, token=None, body=None, timeout=30):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def fail(message):
    print("platform.py: " + message, file=sys.stderr)
    sys.exit(1)


def token(base, role, department=None, deadline=None):
    """A demo token; retried until the demo province is seeded (its departments exist) or the deadline passes."""
    body = {"role": role}
    if department:
        body["department"] = department
    last = None
    while True:
        try:
            status, _, payload = call("POST", base + "/api/dev/tokens", body=body)
            if status == 200:
                return json.loads(payload)["token"]
            last = f"{status} {payload[:300]!r}"
        except (OSError, ValueError, KeyError) as e:
            last = repr(e)
        if deadline is None or time.time() > deadline:
            fail(f"no token for {role} {department or ''} from {base}/api/dev/tokens: {last}")
        time.sleep(0.5)


def created_id(headers, payload):
    location = headers.get("Location") or headers.get("location")
    if location:
        return location.rstrip("/").rsplit("/", 1)[-1]
    return json.loads(payload)["id"]


def shanghai_today():
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()


def bodies(today):
    period = {"periodFrom": today.isoformat(), "periodTo": (today + datetime.timedelta(days=364)).isoformat()}
    return {
        "grant": {"entryCode": UNCONDITIONAL_ENTRY, "dataItems": UNCONDITIONAL_ITEMS, "scenario": GRANT_SCENARIO, **period},
        "access_check": {"entryCode": UNCONDITIONAL_ENTRY, "dataItems": UNCONDITIONAL_ITEMS, "scenario": GRANT_SCENARIO},
        "unconditional": {"entryCode": UNCONDITIONAL_ENTRY, "dataItems": UNCONDITIONAL_ITEMS, "scenario": LOAD_SCENARIO, **period},
        "conditional": {"entryCode": CONDITIONAL_ENTRY, "dataItems": CONDITIONAL_ITEMS, "scenario": LOAD_SCENARIO,
                        "materials": CONDITIONAL_MATERIALS, **period},
        "approve": {"dataItems": ["idNumber"], "note": "Benchmark approval"},
    }


def allowed(payload):
    """Whether an access-check answer says allowed, wherever the flag sits."""
    def find(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k.lower() == "allowed" and isinstance(v, bool):
                    return v
                found = find(v)
                if found is not None:
                    return found
        elif isinstance(node, list):
            for v in node:
                found = find(v)
                if found is not None:
                    return found
        return None
    return find(json.loads(payload))


def setup(base, out):
    deadline = time.time() + 120
    tokens = {
        "grant": token(base, "DepartmentOperator", REQUESTER_GRANT, deadline),
        "load": token(base, "DepartmentOperator", REQUESTER_LOAD, deadline),
        "provider": token(base, "DepartmentOperator", PROVIDER, deadline),
        "admin": token(base, "PlatformAdmin", None, deadline),
    }
    b = bodies(shanghai_today())

    # The grant: an unconditional request is granted at once (Art 25); retried while the catalog is being seeded.
    while True:
        status, headers, payload = call("POST", base + "/api/share-requests", tokens["grant"], b["grant"])
        if status == 201:
            break
        if time.time() > deadline:
            fail(f"the grant request was answered {status}: {payload[:500]!r}")
        time.sleep(0.5)
    grant_id = created_id(headers, payload)

    status, _, payload = call("POST", base + "/api/access-checks", tokens["grant"], b["access_check"])
    if status != 200 or allowed(payload) is not True:
        fail(f"the access check against grant {grant_id} is not allowed ({status}): {payload[:500]!r}")

    with open(out, "w") as f:
        json.dump({"tokens": tokens, "grant_id": grant_id, "bodies": {k: json.dumps(v) for k, v in b.items()}}, f)


def probe(method, url, token_value=None, body=None):
    status, _, payload = call(method, url, token_value, None if body is None else body.encode(), timeout=60)
    if not 200 <= status < 300:
        fail(f"{method} {url} answered {status}: {payload[:500]!r}")
    print(status)


def pool(base, setup_file, n, out):
    """N conditional requests, submitted 8 at a time; their ids to OUT. Exits 1 if any submission fails."""
    with open(setup_file) as f:
        s = json.load(f)
    body = s["bodies"]["conditional"].encode()

    def submit(_):
        status, headers, payload = call("POST", base + "/api/share-requests", s["tokens"]["load"], body, timeout=60)
        if status != 201:
            raise RuntimeError(f"{status}: {payload[:300]!r}")
        return created_id(headers, payload)

    with ThreadPoolExecutor(8) as ex:
        try:
            ids = list(ex.map(submit, range(n)))
        except RuntimeError as e:
            fail(f"a conditional request of the pool failed: {e}")
    with open(out, "w") as f:
        f.writelines(i + "\n" for i in ids)


def main(argv):
    if len(argv) >= 3 and argv[0] == "setup":
        setup(argv[1].rstrip("/"), argv[2])
    elif len(argv) >= 2 and argv[0] == "probe":
        opts = dict(zip(argv[3::2], argv[4::2]))
        probe(argv[1], argv[2], opts.get("--token"), opts.get("--body"))
    elif len(argv) >= 5 and argv[0] == "pool":
        pool(argv[1].rstrip("/"), argv[2], int(argv[3]), argv[4])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
