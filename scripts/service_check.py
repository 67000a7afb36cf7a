#!/usr/bin/env python3
"""End-to-end check of `hawser serve` with the real anchore-cli 0.9.3 and a real registry.

Usage:
  service_check.py --hawser BIN [--vuln-db PATH] [--db URL] [--port N] [--workdir DIR]
                   [--anchore-cli PATH] [--feeds DIR]
  (or `bash scripts/service-check.sh HAWSER_BIN VULNDB [DB_URL]`, which installs the tools first)

It starts `hawser serve` itself (stderr to WORKDIR/server.log, --lease-seconds 3 on every start),
waits for GET /health, and runs these checks in order, continuing after a failure:
  system_status       `system status` exits 0 and shows apiext up
  registry_add        wrong password → non-zero + REGISTRY_PERMISSION_DENIED; right one → `Registry: REG`
  image_add_wait      `image add`, `image wait` → analyzed; prints the add→analyzed wall time
  image_list_get      `image list` shows the tag analyzed; `image get` shows Image ID, debian, 6 layers
  image_content       os / python / files / java / npm / go content lists the fixture's packages
  image_metadata      manifest has schemaVersion, dockerfile has FROM, docker_history exits 0
  image_vuln          `image vuln all` / `non-os`: requests-2.19.1 and urllib3-1.23 rows
  image_vuln_cve_refs `image vuln all` output names CVE-2018-18074 (requests' CVE)
  query               images-by-vulnerability CVE-2018-18074 and images-by-package requests list the tag
  event_list          shows user.image.analysis.completed
  accounts            account/user creation; user bob of team1 cannot see or read admin's image,
                      cannot list accounts (403); admin --as-account team1 sees no image
  bad_input           raw HTTP: malformed JSON, unknown field, missing tag, bad/unknown digest,
                      wrong registry credentials → 4xx JSON errors; the image record is unchanged
  image_del           `image del` → Success; the image list is empty afterwards
  crash_recovery      re-add, kill -9 the server while analyzing, restart: the job is taken over
                      and ends analyzed; sqlite PRAGMA integrity_check is ok; vuln/all has rows
Prints `PASS name` / `FAIL name: reason`, then `N passed, M failed`; exits 1 if any failed.
Registry from HAWSER_TEST_REGISTRY, HAWSER_TEST_REGISTRY_USER, HAWSER_TEST_REGISTRY_PASSWORD
(defaults 127.0.0.1:5055, fixture, fixture-pw); it must hold REG/fixture/app:latest.
"""
import argparse, base64, json, os, re, shutil, signal, socket, subprocess, sys, tempfile, time
import urllib.error, urllib.request

ADMIN = ("admin", "foobar")
REG = os.environ.get("HAWSER_TEST_REGISTRY", "127.0.0.1:5055")
REG_USER = os.environ.get("HAWSER_TEST_REGISTRY_USER", "fixture")
REG_PASS = os.environ.get("HAWSER_TEST_REGISTRY_PASSWORD", "fixture-pw")
TAG = f"{REG}/fixture/app:latest"
CHECKS, STATE = [], {}  # STATE: image digest and timings shared between checks


def check(fn):
    CHECKS.append(fn)
    return fn


class Failed(Exception):
    """A check's assertion failed."""


def expect(cond, msg):
    if not cond:
        raise Failed(msg)


def has_line(text, pattern):
    return re.search(pattern, text, re.M) is not None


class Server:
    def __init__(self, args, workdir):
        self.args, self.workdir, self.proc = args, workdir, None
        self.data_dir = os.path.join(workdir, "data")
        self.log = os.path.join(workdir, "server.log")
        self.url = f"http://127.0.0.1:{args.port}"

    def start(self):
        cmd = [self.args.hawser, "serve", "--data-dir", self.data_dir, "--vuln-db", self.args.vuln_db,
               "--listen", f"127.0.0.1:{self.args.port}", "--lease-seconds", "3"]
        if self.args.db:
            cmd += ["--db", self.args.db]
        # Watch mode is scripts/watch_check.py's subject: here the watched repository (repo add) must
        # not have its other tags added while later checks count images.
        env = dict(os.environ, HAWSER_ADMIN_PASSWORD=ADMIN[1], HAWSER_PASSWORD_ROUNDS="1000", HAWSER_REPO_POLL_SECONDS="3600")
        with open(self.log, "a") as log:
            log.write(f"==== {' '.join(cmd)}\n")
            log.flush()
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=log, env=env)
        deadline = time.time() + 60
        while time.time() < deadline:
            expect(self.proc.poll() is None, f"server exited with {self.proc.returncode} while starting")
            try:
                if http("GET", "/health", base=self.url, auth=None)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise Failed("GET /health did not answer 200 within 60 s")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def sqlite_path(self):
        db = self.args.db
        if not db:
            return os.path.join(self.data_dir, "hawser.sqlite")
        return db[len("sqlite:"):] if db.startswith("sqlite:") else None

    def tail(self, n=50):
        with open(self.log, errors="replace") as f:
            return "".join(f.readlines()[-n:])


def http(method, path, body=None, raw=None, auth=ADMIN, base=None):
    """One request; returns (status, parsed JSON or text). `raw` is sent as-is, `body` as JSON."""
    data = raw.encode() if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request((base or S.url) + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if auth:
        req.add_header("Authorization", "Basic " + base64.b64encode(":".join(auth).encode()).decode())
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            status, text = resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def cli_cmd(args, user=ADMIN, account=None):
    """anchore-cli command line and env (flags beat env vars and any ~/.anchore/credentials.yaml)."""
    cmd = [A.anchore_cli, "--url", S.url + "/v1", "--u", user[0], "--p", user[1]]
    cmd += ["--as-account", account] if account else []
    return cmd + list(args), dict(os.environ, ANCHORE_CLI_CONFIG=os.path.join(A.workdir, "no-credentials.yaml"))


def cli(*args, user=ADMIN, account=None, timeout=180):
    """Runs anchore-cli against the server; returns (exit code, stdout+stderr)."""
    cmd, env = cli_cmd(args, user, account)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    return p.returncode, p.stdout + p.stderr


def cli_ok(*args, **kw):
    rc, out = cli(*args, **kw)
    expect(rc == 0, f"`anchore-cli {' '.join(args)}` exited {rc}: {out.strip()[:400]}")
    return out


def images():
    status, body = http("GET", "/v1/images")
    expect(status == 200 and isinstance(body, list), f"GET /v1/images → {status} {str(body)[:200]}")
    return body


def wait_status(want, timeout, interval=0.1):
    """Polls GET /v1/images until the image's analysis_status is in `want`; returns the record."""
    deadline, seen = time.time() + timeout, None
    while time.time() < deadline:
        recs = images()
        recs = [r for r in recs if r["imageDigest"] == STATE.get("digest")] or recs
        seen = recs[0]["analysis_status"] if recs else None
        if seen in want:
            return recs[0]
        expect(seen != "analysis_failed", f"analysis failed: {recs[0].get('analysis_status_detail')}")
        expect(seen != "analyzed", "analysis finished before it could be interrupted")
        time.sleep(interval)
    raise Failed(f"analysis_status still {seen} after {timeout} s (wanted {'/'.join(want)})")


@check
def system_status():
    out = cli_ok("system", "status")
    expect(has_line(out, r"^Service apiext .*: up$"), f"no `Service apiext ...: up` line in {out!r}")


@check
def api_documents():
    """/openapi.json is a valid OpenAPI 3 document (openapi-spec-validator); /swagger.json has info.version >= 0.1.6."""
    from openapi_spec_validator import validate
    status, doc = http("GET", "/v1/openapi.json", auth=None)
    expect(status == 200 and isinstance(doc, dict), f"GET /v1/openapi.json → {status}")
    validate(doc)
    status, swagger = http("GET", "/swagger.json", auth=None)
    version = tuple(int(x) for x in swagger["info"]["version"].split("."))
    expect(version >= (0, 1, 6), f"swagger info.version {version}")


@check
def registry_add():
    rc, out = cli("registry", "add", REG, REG_USER, "wrong-password", "--insecure")
    expect(rc != 0, f"wrong password accepted (exit 0): {out.strip()[:300]}")
    expect("REGISTRY_PERMISSION_DENIED" in out, f"no REGISTRY_PERMISSION_DENIED in {out.strip()[:300]!r}")
    out = cli_ok("registry", "add", REG, REG_USER, REG_PASS, "--insecure")
    expect(has_line(out, rf"^Registry: {re.escape(REG)}$"), f"no `Registry: {REG}` in {out!r}")


@check
def image_add_wait():
    t0 = time.time()
    out = cli_ok("image", "add", TAG)
    m = re.search(r"^Image Digest: (sha256:[0-9a-f]{64})$", out, re.M)
    expect(m, f"no Image Digest in `image add` output: {out[:300]!r}")
    STATE["digest"] = m.group(1)
    cmd, env = cli_cmd(["image", "wait", TAG, "--interval", "1", "--timeout", "120"])
    waiter = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_status({"analyzed"}, 130)
        STATE["add_to_analyzed"] = time.time() - t0
        print(f"INFO add→analyzed wall time: {STATE['add_to_analyzed']:.1f} s", flush=True)
        out, _ = waiter.communicate(timeout=60)
    finally:
        if waiter.poll() is None:
            waiter.kill()
    expect(waiter.returncode == 0, f"`image wait` exited {waiter.returncode}: {out[-300:]!r}")
    expect(has_line(out, r"^Analysis Status: analyzed$"), f"`image wait` output lacks analyzed: {out[-300:]!r}")


@check
def image_list_get():
    out = cli_ok("image", "list")
    expect(has_line(out, rf"^{re.escape(TAG)}\s+sha256:[0-9a-f]{{64}}\s+analyzed\s*$"),
           f"`image list` has no analyzed row for {TAG}: {out!r}")
    out = cli_ok("image", "get", TAG)
    for pattern in (r"^Image ID: [0-9a-f]{64}$", r"^Distro: debian$", r"^Layer Count: 6$"):
        expect(has_line(out, pattern), f"`image get` output lacks /{pattern}/: {out!r}")


@check
def image_content():
    wanted = {"os": [r"^libc6\s", r"^openssl\s"], "python": [r"^requests\s+2\.19\.1\s", r"^urllib3\s"],
              "files": [r"^(/usr/bin/python3\.11|/etc/passwd)\s"], "java": [r"^log4j-core\s"],
              "npm": [r"^lodash\s"], "go": [r"^stdlib\s"]}
    for kind, patterns in wanted.items():
        out = cli_ok("image", "content", TAG, kind)
        for pattern in patterns:
            expect(has_line(out, pattern), f"`image content {kind}` lacks /{pattern}/ ({out[:300]!r}...)")


@check
def image_metadata():
    for kind, needle in (("manifest", "schemaVersion"), ("dockerfile", "FROM"), ("docker_history", "")):
        out = cli_ok("image", "metadata", TAG, kind)
        expect(needle in out and f"Metadata Type: {kind}" in out, f"`image metadata {kind}`: {out[:300]!r}")


@check
def image_vuln():
    for kind in ("all", "non-os"):
        out = cli_ok("image", "vuln", TAG, kind)
        for pkg in ("requests-2.19.1", "urllib3-1.23"):
            expect(has_line(out, rf"^\S+\s+{re.escape(pkg)}\s"), f"`image vuln {kind}` has no {pkg} row")


@check
def image_vuln_cve_refs():
    out = cli_ok("image", "vuln", TAG, "all")
    rows = [line.split()[0] for line in out.splitlines() if " requests-2.19.1 " in line]
    expect("CVE-2018-18074" in out, f"`image vuln all` never mentions CVE-2018-18074 (requests rows: {rows})")


@check
def query():
    out = cli_ok("query", "images-by-vulnerability", "--vulnerability-id", "CVE-2018-18074")
    expect(any(TAG in l and "requests-2.19.1" in l for l in out.splitlines()),
           f"images-by-vulnerability lacks a {TAG} requests-2.19.1 row: {out!r}")
    out = cli_ok("query", "images-by-package", "--name", "requests")
    expect(any(l.startswith(TAG) and "requests" in l for l in out.splitlines()),
           f"images-by-package lacks {TAG}: {out!r}")


@check
def event_list():
    out = cli_ok("event", "list")
    expect("user.image.analysis.completed" in out, f"no user.image.analysis.completed event: {out[:500]!r}")


@check
def accounts():
    out = cli_ok("account", "add", "team1", "--email", "t@example.com")
    expect(has_line(out, r"^Name: team1$"), f"`account add`: {out!r}")
    expect(has_line(cli_ok("account", "list"), r"^team1\s+t@example\.com\s"), "`account list` lacks team1")
    expect(has_line(cli_ok("account", "user", "add", "--account", "team1", "bob", "bobpassword1"),
                    r"^Name: bob$"), "`account user add` did not print Name: bob")
    bob = ("bob", "bobpassword1")
    out = cli_ok("image", "list", user=bob)
    expect(TAG not in out and STATE["digest"] not in out, f"bob sees admin's image: {out!r}")
    rc, out = cli("image", "vuln", STATE["digest"], "all", user=bob)
    expect(rc == 1 and "404" in out, f"bob's `image vuln <admin digest>`: exit {rc} {out.strip()[:300]!r}")
    rc, out = cli("account", "list", user=bob)
    expect(rc == 1 and "403" in out, f"bob's `account list`: exit {rc} {out.strip()[:300]!r}")
    out = cli_ok("image", "list", account="team1")
    expect(out.strip() == "", f"admin --as-account team1 sees images: {out!r}")


@check
def bad_input():
    snapshot = lambda: [(r["imageDigest"], r["analysis_status"], r["last_updated"]) for r in images()]
    before = snapshot()
    expect(len(before) == 1, f"expected exactly one image before, got {before}")
    registries = http("GET", "/v1/registries")[1]

    def error(method, path, want, needle=None, **kw):
        status, body = http(method, path, **kw)
        ok = status in want if isinstance(want, range) else status == want
        expect(ok, f"{method} {path} {kw} → {status} (wanted {want}): {str(body)[:300]}")
        expect(isinstance(body, dict) and isinstance(body.get("message"), str) and body.get("httpcode") == status,
               f"{method} {path} {kw}: error body is not {{message, httpcode}}: {str(body)[:300]}")
        expect(needle is None or needle in body["message"].lower(),
               f"{method} {path} {kw}: message lacks {needle!r}: {body['message']}")

    error("POST", "/v1/images", 400, raw='{"tag": ')
    error("POST", "/v1/images", 400, "tagg", body={"tagg": "x"})
    error("POST", "/v1/images", range(400, 500), "not found", body={"tag": f"{REG}/fixture/app:does-not-exist"})
    error("GET", "/v1/images/sha256:zzz", 400)
    error("GET", "/v1/images/sha256:" + "0" * 64, 404)
    # Same registry under another name (the real one is already added, which would be a 409).
    host, _, port = REG.partition(":")
    alias = {"127.0.0.1": "localhost", "localhost": "127.0.0.1"}.get(host, host) + (":" + port if port else "")
    error("POST", "/v1/registries?validate=True", 400, body={
        "registry": alias, "registry_user": REG_USER, "registry_pass": "wrong-password",
        "registry_type": "docker_v2", "registry_verify": False, "registry_name": alias})
    after = snapshot()
    expect(after == before, f"image records changed: before {before}, after {after}")
    expect(http("GET", "/v1/registries")[1] == registries, "registry list changed after a refused add")


@check
def repositories_and_summaries():
    """`repo add` lists the repository's tags at the registry (repo_update subscription); /summaries/imagetags lists the tag."""
    out = cli_ok("repo", "add", f"{REG}/fixture/app")
    status, subs = http("GET", "/v1/subscriptions?subscription_type=repo_update")
    expect(status == 200 and len(subs) == 1, f"repo_update subscriptions: {status} {str(subs)[:300]}")
    value = json.loads(subs[0]["subscription_value"])
    expect({"latest", "zstd", "multi"} <= set(value["repotags"]) and value["tagcount"] == len(value["repotags"]), f"repotags {value}")
    expect(str(value["tagcount"]) in out, f"repo add output lacks the tag count: {out[:300]!r}")
    status, summaries = http("GET", "/v1/summaries/imagetags")
    expect(status == 200 and any(s["fulltag"] == TAG and s["analysis_status"] == "analyzed" for s in summaries), f"summaries: {str(summaries)[:300]}")


@check
def hawser_client():
    """Hawser's own client commands against the same server: list, vuln, content, system status."""
    env = dict(os.environ, HAWSER_URL=S.url + "/v1", HAWSER_USER=ADMIN[0], HAWSER_PASS=ADMIN[1])

    def run(*args):
        p = subprocess.run([A.hawser, *args], capture_output=True, text=True, timeout=120, env=env)
        expect(p.returncode == 0, f"`hawser {' '.join(args)}` exited {p.returncode}: {(p.stdout + p.stderr)[:400]}")
        return p.stdout

    expect("analyzed" in run("image", "list"), "hawser image list does not show the analyzed image")
    vulns = run("image", "vuln", TAG)
    expect(re.search(r"^PYSEC-2018-28\s+\S+\s+requests-2\.19\.1\s", vulns, re.M), f"no PYSEC-2018-28 row for requests in {vulns[:500]!r}")
    expect(json.loads(run("image", "vuln", TAG, "-o", "json"))["vulnerabilities"], "no vulnerabilities in -o json")
    expect(re.search(r"^requests\s+2\.19\.1\s", run("image", "content", TAG, "python"), re.M), "no requests 2.19.1 in content python")
    expect(re.search(r"^apiext\s+\S+\s+up", run("system", "status"), re.M), "apiext not up in hawser system status")
    p = subprocess.run([A.hawser, "image", "get", f"{REG}/fixture/app:no-such-tag"], capture_output=True, text=True, env=env)
    expect(p.returncode == 1 and "no image" in p.stderr, f"image get of an unknown tag: exit {p.returncode}, {p.stderr[:200]!r}")


@check
def metrics():
    """Prometheus text at /metrics: request counters and the images by analysis state."""
    req = urllib.request.Request(S.url + "/metrics")
    with urllib.request.urlopen(req, timeout=30) as resp:
        text = resp.read().decode()
    expect(re.search(r'^hawser_http_requests_total\{[^}]*status="200"[^}]*\} [1-9]', text, re.M), f"no request counter in {text[:400]!r}")
    expect(re.search(r'^hawser_images\{state="analyzed"\} 1(\.0)?$', text, re.M), f"no hawser_images{{state=\"analyzed\"}} 1 in {text[:600]!r}")


@check
def policies():
    """anchore-cli policy add/list/get/activate/del and evaluate check: the default bundle STOPs on the image's critical
    Pillow vulnerability (exit 1), an allowlisting bundle passes (exit 0), a malformed bundle is refused naming every problem."""
    fixtures = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../Tests/PolicyTests/Fixtures")
    out = cli_ok("policy", "list")
    expect(re.search(r"^2c53a13c-1765-11e8-82ef-23527761d060\s+True", out, re.M), f"the default bundle is not active: {out!r}")
    rc, out = cli("evaluate", "check", TAG, "--detail")
    expect(rc == 1 and "Status: fail" in out and "Final Action: stop" in out, f"default bundle check: exit {rc}, {out[:600]!r}")
    expect(re.search(r"^vulnerabilities\s+package\s+CRITICAL Vulnerability found in non-os package type \(python\) .*Pillow.*\s+stop\s*$", out, re.M),
           f"no critical Pillow row in {out[:800]!r}")
    allow = {"id": "ci-allow", "version": "1_0", "name": "allow all but lodash",
             "policies": [{"id": "p1", "version": "1_0", "name": "p", "rules": [
                 {"id": "r1", "gate": "vulnerabilities", "trigger": "package", "action": "STOP",
                  "params": [{"name": "package_type", "value": "all"}, {"name": "severity_comparison", "value": ">="}, {"name": "severity", "value": "critical"}]},
                 {"id": "r2", "gate": "packages", "trigger": "blacklist", "action": "WARN", "params": [{"name": "name", "value": "lodash"}]}]}],
             "whitelists": [{"id": "w1", "version": "1_0", "name": "known", "items": [{"id": "i1", "gate": "vulnerabilities", "trigger_id": "*+pillow"}]}],
             "mappings": [{"id": "m1", "name": "all", "registry": "*", "repository": "*", "image": {"type": "tag", "value": "*"},
                           "policy_ids": ["p1"], "whitelist_ids": ["w1"]}]}
    path = os.path.join(A.workdir, "ci-allow.json")
    with open(path, "w") as f:
        json.dump(allow, f)
    out = cli_ok("policy", "add", path)
    expect("Policy ID: ci-allow" in out and "Active: False" in out, f"policy add: {out!r}")
    status, preview = http("POST", "/v1/policies/ci-allow/preview")
    expect(status == 200 and preview["images_checked"] == 1 and preview["changes"] and preview["changes"][0]["proposed_action"] == "warn",
           f"preview: {status} {str(preview)[:400]}")
    cli_ok("policy", "activate", "ci-allow")
    rc, out = cli("evaluate", "check", TAG, "--detail")
    expect(rc == 0 and "Status: pass" in out and "Final Action: warn" in out, f"allowlisting bundle: exit {rc}, {out[:600]!r}")
    expect(re.search(r"whitelisted\(known\)", out), f"no allowlisted Pillow rows in {out[:800]!r}")
    expect("ci-allow" in cli_ok("policy", "get", "ci-allow", "--detail"), "policy get --detail lacks the bundle")
    rc, out = cli("policy", "del", "ci-allow")
    expect(rc == 1 and "active" in out, f"deleting the active bundle: exit {rc}, {out!r}")
    cli_ok("policy", "activate", "2c53a13c-1765-11e8-82ef-23527761d060")
    cli_ok("policy", "del", "ci-allow")
    rc, out = cli("policy", "add", os.path.join(fixtures, "bad-bundles", "32-several-problems.json"))
    expect(rc == 1 and "5 problems" in out and "unknown gate 'dockerfil'" in out and "'p7'" in out, f"bad bundle: exit {rc}, {out[:600]!r}")
    # History: every evaluation was kept for audit.
    status, history = http("GET", f"/v1/images/{STATE['digest']}/check?tag={TAG}&history=true")
    expect(status == 200 and len(history[0][STATE["digest"]][TAG]) >= 2, f"history: {str(history)[:300]}")


@check
def policy_eval_standalone():
    """`hawser policy eval` on the image's SBOM exported from the server: exit 2 on STOP, the same final action as the server."""
    status, sbom = http("GET", f"/v1/images/{STATE['digest']}/sboms/native-json")
    expect(status == 200, f"SBOM export → {status}")
    path = os.path.join(A.workdir, "image.sbom.json")
    with open(path, "w") as f:
        json.dump(sbom, f)
    p = subprocess.run([A.hawser, "policy", "eval", "--db", A.vuln_db, "-o", "json", f"sbom:{path}"], capture_output=True, text=True, timeout=120)
    expect(p.returncode == 2, f"policy eval exit {p.returncode}: {p.stderr[:300]}")
    result = json.loads(p.stdout)
    expect(result["finalAction"] == "stop" and any(f["gate"] == "vulnerabilities" for f in result["findings"]), f"{str(result)[:400]}")


@check
def image_del():
    out = cli_ok("image", "del", TAG)
    expect(has_line(out, r"^Success$"), f"`image del` did not print Success: {out!r}")
    deadline = time.time() + 10
    while images() and time.time() < deadline:
        time.sleep(0.2)
    expect(images() == [], f"GET /v1/images not empty after delete: {str(images())[:300]}")
    out = cli_ok("image", "get", TAG)
    expect(out.strip() == "", f"`image get` after delete shows: {out!r}")
    out = cli_ok("image", "list")
    expect(out.strip() == "", f"`image list` after delete shows: {out!r}")


@check
def crash_recovery():
    status, body = http("POST", "/v1/images?force=true", body={"tag": TAG})
    expect(status == 200 and isinstance(body, list) and body, f"re-add → {status} {str(body)[:300]}")
    STATE["digest"] = body[0]["imageDigest"]
    wait_status({"analyzing"}, 60, interval=0.05)
    pid = S.proc.pid
    os.kill(pid, signal.SIGKILL)
    S.proc.wait(10)
    expect(S.proc.returncode == -signal.SIGKILL, f"server exit status {S.proc.returncode}, not SIGKILL")
    expect(not os.path.exists(f"/proc/{pid}"), f"server process {pid} still exists after kill -9")
    S.start()
    t0 = time.time()
    wait_status({"analyzed"}, 120)
    print(f"INFO restart→analyzed after kill -9: {time.time() - t0:.1f} s", flush=True)
    path = S.sqlite_path()
    if path:
        p = subprocess.run(["sqlite3", path, "PRAGMA integrity_check"], capture_output=True, text=True)
        expect(p.returncode == 0 and p.stdout.strip() == "ok", f"integrity_check: {p.stdout}{p.stderr}".strip())
        query = ["sqlite3", path]
    else:
        query = ["psql", "-qtA", A.db, "-c"]
    # Nothing half-written: no job left behind, exactly one analysed image with its 8 documents
    # (manifest, config, sbom, files, vulnerabilities, policy_facts, match_fingerprints, match_state).
    p = subprocess.run(query + ["SELECT (SELECT count(*) FROM analysis_job) || ' ' || (SELECT count(*) FROM image WHERE analysis_status = 'analyzed')"
                                " || ' ' || (SELECT count(*) FROM image_document)"], capture_output=True, text=True)
    expect(p.returncode == 0 and p.stdout.split() == ["0", "1", "8"], f"jobs, analysed images, documents after recovery: {p.stdout!r} {p.stderr[:200]}")
    status, body = http("GET", f"/v1/images/{STATE['digest']}/vuln/all")
    expect(status == 200 and isinstance(body, dict) and body.get("vulnerabilities"),
           f"vuln/all after recovery → {status} {str(body)[:300]}")


@check
def shared_layers():
    """`fixture/app:zstd` has other blobs but the same layers (diff IDs): its analysis reuses the per-layer results."""
    cache = os.path.join(S.data_dir, "layer-cache")
    before = sorted(os.listdir(cache)) if os.path.isdir(cache) else []
    expect(len([f for f in before if f.endswith(".json")]) == 6, f"layer cache after the first image: {before}")
    t0 = time.time()
    status, added = http("POST", "/v1/images", body={"tag": f"{REG}/fixture/app:zstd"})
    expect(status == 200, f"add zstd → {status} {str(added)[:300]}")
    digest = added[0]["imageDigest"]
    expect(digest != STATE["digest"], "the zstd image has its own manifest digest")
    deadline = time.time() + 120
    while time.time() < deadline:
        status, recs = http("GET", f"/v1/images/{digest}")
        if recs[0]["analysis_status"] in ("analyzed", "analysis_failed"):
            break
        time.sleep(0.05)
    expect(recs[0]["analysis_status"] == "analyzed", f"zstd image: {recs[0]['analysis_status']} {recs[0].get('analysis_status_detail')}")
    print(f"INFO add→analyzed of an image whose 6 layers were analysed before: {time.time() - t0:.1f} s", flush=True)
    expect(sorted(os.listdir(cache)) == before, "the shared layers' results were written again")
    vulns = [sorted((v["vuln"], v["package"]) for v in http("GET", f"/v1/images/{d}/vuln/all")[1]["vulnerabilities"])
             for d in (digest, STATE["digest"])]
    expect(vulns[0] == vulns[1] and vulns[0], "the two images' vulnerabilities differ")
    files = [http("GET", f"/v1/images/{d}/content/files")[1]["content"] for d in (digest, STATE["digest"])]
    expect(sorted(map(json.dumps, files[0])) == sorted(map(json.dumps, files[1])), "the two images' file lists differ")


def main():
    global A, S
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hawser", required=True, help="hawser binary")
    ap.add_argument("--vuln-db", help="existing vulnerability DB (else built from --feeds)")
    ap.add_argument("--db", help="service DB URL passed to `serve --db` (sqlite:PATH or postgres://...)")
    ap.add_argument("--port", type=int, help="port to listen on (default: a free one)")
    ap.add_argument("--workdir", help="data dir, logs (default: a new temp dir)")
    ap.add_argument("--anchore-cli", default=shutil.which("anchore-cli") or "/opt/anchorecli-venv/bin/anchore-cli")
    ap.add_argument("--feeds", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../shared/feeds"))
    A = ap.parse_args()
    A.hawser = os.path.abspath(A.hawser)
    A.workdir = A.workdir or tempfile.mkdtemp(prefix="hawser-service-check.")
    os.makedirs(A.workdir, exist_ok=True)
    if not A.port:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            A.port = s.getsockname()[1]
    print(f"INFO workdir {A.workdir}, port {A.port}, db {A.db or 'sqlite (default)'}", flush=True)
    if not A.vuln_db:
        A.vuln_db = os.path.join(A.workdir, "vulndb.sqlite")
        subprocess.run([A.hawser, "db", "build", "--from", A.feeds, "--db", A.vuln_db], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    S = Server(A, A.workdir)
    passed = failed = 0
    try:
        try:
            S.start()
        except Failed as e:
            print(f"FAIL server_start: {e}")
            failed = 1
        for fn in CHECKS if not failed else []:
            try:
                fn()
                print(f"PASS {fn.__name__}", flush=True)
                passed += 1
            except Exception as e:  # noqa: BLE001 - any error fails just this check
                reason = str(e) if isinstance(e, Failed) else f"{type(e).__name__}: {e}"
                if S.proc.poll() is not None and fn is not crash_recovery:
                    reason += f" [the server had exited with status {S.proc.returncode}]"
                print(f"FAIL {fn.__name__}: {reason}", flush=True)
                failed += 1
    finally:
        S.stop()
    if failed:
        print(f"---- last 50 lines of {S.log} ----\n{S.tail()}---- end of log ----")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
