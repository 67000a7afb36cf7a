#!/usr/bin/env python3
"""Scale-out on one PostgreSQL (issue "own container image, and scale-out"): two `hawser serve --role api`
processes and two `--role worker` processes, nothing else shared but the database, the vulnerability DB
file and the secret key.

Usage:
  scaleout_check.py --hawser BIN --vuln-db PATH --images DIR --db URL [--workdir DIR] [--images-count N]
  (or `bash scripts/scaleout-check.sh HAWSER_BIN VULNDB`, which makes a fresh database)
  scaleout_check.py ... --bench-workers W   the benchmark instead: one API process and W worker
  processes (one worker each) analyse the N images; prints analyses per minute (scripts/bench-scaleout.sh)

Real parts only: the local registry (registry.sh bump --layer pushes N distinct images), PostgreSQL,
the processes started here. Checks (each prints PASS/FAIL; then `N passed, M failed`):
  roles          the API processes answer /v1; the workers answer only /health and /version (their role)
  each_once      N images added concurrently through both API processes; worker 1 is killed (-9) while it
                 holds an analysis lease; every image ends analyzed, each with exactly one completion
                 event, the killed worker's image finished by the other, no API process analyzed anything
"""
import argparse, base64, json, os, subprocess, sys, tempfile, threading, time, urllib.error, urllib.parse, urllib.request

ADMIN = ("admin", "foobar")
REG = os.environ.get("HAWSER_TEST_REGISTRY", "127.0.0.1:5055")
REG_USER = os.environ.get("HAWSER_TEST_REGISTRY_USER", "fixture")
REG_PASS = os.environ.get("HAWSER_TEST_REGISTRY_PASSWORD", "fixture-pw")
REGISTRY_STATE = os.environ.get("HAWSER_TEST_STATE", "/tmp/hawser-test-registry")
SHARED = os.environ.get("HAWSER_SHARED_DIR", os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "shared"))
CHECKS, STATE = [], {}


class Failed(Exception):
    pass


def expect(cond, msg):
    if not cond:
        raise Failed(msg)


def check(fn):
    CHECKS.append(fn)
    return fn


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, auth=ADMIN, timeout=120):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read()
            return response.status, (json.loads(text) if text[:1] in (b"{", b"[") else text.decode())
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


class Process:
    def __init__(self, name, role, workers=1):
        self.name, self.role, self.workers, self.proc = name, role, workers, None
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = os.path.join(A.workdir, f"{name}.log")
        self.data = os.path.join(A.workdir, name)

    def start(self):
        cmd = [A.hawser, "serve", "--role", self.role, "--workers", str(self.workers), "--data-dir", self.data,
               "--vuln-db", A.vuln_db, "--listen", f"127.0.0.1:{self.port}", "--lease-seconds", "4"]
        env = dict(os.environ, HAWSER_ADMIN_PASSWORD=ADMIN[1], HAWSER_PASSWORD_ROUNDS="1000", HAWSER_SECRET_KEY=STATE["key"],
                   HAWSER_DATABASE_URL=A.db, HAWSER_FEED_SYNC_SECONDS="0")
        with open(self.log, "a") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=log, env=env)
        deadline = time.time() + 90
        while time.time() < deadline:
            expect(self.proc.poll() is None, f"{self.name} exited with {self.proc.returncode} while starting: {self.tail()}")
            try:
                if http("GET", self.url + "/health", auth=None, timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise Failed(f"{self.name}: /health did not answer within 90 s")

    def stop(self, kill=False):
        if self.proc and self.proc.poll() is None:
            (self.proc.kill if kill else self.proc.terminate)()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def tail(self, n=30):
        with open(self.log, errors="replace") as f:
            return "".join(f.readlines()[-n:])

    def analyzed(self):
        """Digests this process's workers stored an analysis of (its log's `analyzed` lines)."""
        with open(self.log, errors="replace") as f:
            return [line.split("digest=")[1].split()[0].strip("[],") for line in f if line.rstrip().endswith(" analyzed") and "digest=" in line]


def psql(sql):
    p = subprocess.run(["psql", A.db, "-At", "-c", sql], capture_output=True, text=True, timeout=30)
    expect(p.returncode == 0, f"psql failed: {p.stderr.strip()}")
    return [line for line in p.stdout.splitlines() if line]


@check
def roles():
    for api in APIS:
        status, body = http("GET", api.url + "/v1/status")
        expect(status == 200, f"{api.name} GET /v1/status → {status} {str(body)[:200]}")
    for worker in WORKERS:
        status, body = http("GET", worker.url + "/version", auth=None)
        expect(status == 200 and body.get("role") == "worker", f"{worker.name} /version → {status} {body}")
        expect(http("GET", worker.url + "/v1/images")[0] == 404, f"{worker.name} serves the API")


@check
def each_once():
    status, body = http("POST", APIS[0].url + "/v1/registries",
                        {"registry": REG, "registry_user": REG_USER, "registry_pass": REG_PASS, "registry_verify": False})
    expect(status == 200, f"registry add → {status} {str(body)[:200]}")
    added, errors = {}, []

    def add(index):
        api = APIS[index % 2]
        status, body = http("POST", api.url + "/v1/images", {"tag": f"{REG}/fixture/scale:t{index}"})
        if status == 200:
            added[index] = body[0]["imageDigest"]
        else:
            errors.append(f"t{index} via {api.name}: {status} {str(body)[:200]}")

    threads = [threading.Thread(target=add, args=(i,)) for i in range(A.images_count)]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expect(not errors, f"image add failed: {errors[:3]}")
    expect(sorted(added.values()) == sorted(STATE["pushed"].values()), "the added digests are not the pushed ones")

    # Worker 1 is killed while it holds a lease (mid-analysis).
    owner = f"%-{WORKERS[0].proc.pid}-w%"
    held = []
    deadline = time.time() + 120
    while time.time() < deadline and not held:
        held = psql(f"SELECT digest FROM analysis_job WHERE lease_owner LIKE '{owner}' AND lease_expires > extract(epoch from now())")
        time.sleep(0.05)
    expect(held, "worker 1 never held an analysis lease")
    WORKERS[0].stop(kill=True)
    killed = held[0]
    print(f"INFO worker 1 killed -9 while analysing {killed}", flush=True)

    deadline = time.time() + 900
    while time.time() < deadline:
        statuses = [http("GET", APIS[1].url + f"/v1/images/{d}")[1][0]["analysis_status"] for d in added.values()]
        expect("analysis_failed" not in statuses, f"an analysis failed: {WORKERS[1].tail()}")
        if all(s == "analyzed" for s in statuses):
            break
        time.sleep(0.5)
    else:
        raise Failed(f"not all analysed within 900 s: {statuses}")
    minutes = (time.time() - t0) / 60
    print(f"INFO {len(added)} images analysed in {minutes * 60:.1f} s ({len(added) / minutes:.1f} analyses/min, one worker killed)", flush=True)

    status, events = http("GET", APIS[0].url + "/v1/events?event_type=user.image.analysis.completed&limit=1000")
    expect(status == 200, f"GET /v1/events → {status}")
    completed = [e["event"]["resource"]["id"] for e in events["results"]]
    expect(sorted(completed) == sorted(added.values()), f"completion events are not one per image: {len(completed)} events for {len(added)} images")
    by_workers = WORKERS[0].analyzed() + WORKERS[1].analyzed()
    expect(sorted(by_workers) == sorted(added.values()), f"the workers stored {len(by_workers)} analyses ({len(set(by_workers))} distinct) of {len(added)} images")
    expect(killed in WORKERS[1].analyzed() and killed not in WORKERS[0].analyzed(), f"{killed} was not finished by worker 2")
    for api in APIS:
        expect(not api.analyzed(), f"{api.name} (role api) analysed images")


def bench(workers):
    """Analyses per minute: N images added at once, timed until the last is analysed."""
    api = APIS[0]
    status, body = http("POST", api.url + "/v1/registries",
                        {"registry": REG, "registry_user": REG_USER, "registry_pass": REG_PASS, "registry_verify": False})
    expect(status == 200, f"registry add → {status} {str(body)[:200]}")
    t0 = time.time()
    digests = []
    for index in range(A.images_count):
        status, body = http("POST", api.url + "/v1/images", {"tag": f"{REG}/fixture/scale:t{index}"})
        expect(status == 200, f"image add → {status} {str(body)[:200]}")
        digests.append(body[0]["imageDigest"])
    while True:
        statuses = [http("GET", api.url + f"/v1/images/{d}")[1][0]["analysis_status"] for d in digests]
        expect("analysis_failed" not in statuses, "an analysis failed")
        if all(s == "analyzed" for s in statuses):
            break
        expect(time.time() - t0 < 1800, "not all analysed within 30 min")
        time.sleep(0.2)
    seconds = time.time() - t0
    print(f"RESULT workers={workers} images={len(digests)} seconds={seconds:.1f} per_minute={len(digests) * 60 / seconds:.1f}", flush=True)


def push_images():
    pushed = {}
    for index in range(A.images_count):
        p = subprocess.run(["bash", os.path.join(SHARED, "tools", "registry.sh"), "bump", REGISTRY_STATE, A.images, f"fixture/scale:t{index}", "--layer"],
                           capture_output=True, text=True, timeout=300)
        expect(p.returncode == 0, f"registry.sh bump failed: {p.stderr[-300:]}")
        pushed[index] = [line.split()[-1] for line in p.stdout.splitlines() if line.startswith("new ")][0]
    return pushed


def main():
    global A, APIS, WORKERS
    parser = argparse.ArgumentParser()
    parser.add_argument("--hawser", required=True)
    parser.add_argument("--vuln-db", required=True)
    parser.add_argument("--images", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--workdir")
    parser.add_argument("--images-count", type=int, default=20)
    parser.add_argument("--bench-workers", type=int)
    A = parser.parse_args()
    A.workdir = A.workdir or tempfile.mkdtemp(prefix="hawser-scaleout-check.")
    STATE["key"] = base64.b64encode(os.urandom(32)).decode()
    if A.bench_workers:
        APIS, WORKERS = [Process("api1", "api")], [Process(f"worker{i + 1}", "worker") for i in range(A.bench_workers)]
        CHECKS[:] = [lambda: bench(A.bench_workers)]
    else:
        APIS = [Process("api1", "api", workers=2), Process("api2", "api", workers=2)]
        WORKERS = [Process("worker1", "worker"), Process("worker2", "worker")]
    passed = failed = 0
    try:
        try:
            t0 = time.time()
            STATE["pushed"] = push_images()
            print(f"INFO pushed {A.images_count} images in {time.time() - t0:.1f} s; workdir {A.workdir}", flush=True)
            for p in APIS + WORKERS:
                p.start()
        except Failed as e:
            print(f"FAIL setup: {e}")
            failed = 1
        for fn in CHECKS if not failed else []:
            try:
                fn()
                print(f"PASS {getattr(fn, '__name__', 'bench')}", flush=True)
                passed += 1
            except Exception as e:  # noqa: BLE001 - any error fails just this check
                print(f"FAIL {fn.__name__}: {e if isinstance(e, Failed) else f'{type(e).__name__}: {e}'}", flush=True)
                failed += 1
    finally:
        for p in APIS + WORKERS:
            p.stop()
    if failed:
        for p in APIS + WORKERS:
            print(f"---- last lines of {p.log} ----\n{p.tail(15)}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
