#!/usr/bin/env python3
"""Watch mode, feed sync with re-matching, and notifications end to end (issue "Watch mode").

Usage:
  watch_check.py --hawser BIN --vuln-db PATH --images DIR [--db URL] [--workdir DIR] [--anchore-cli PATH]
  (or `bash scripts/watch-check.sh HAWSER_BIN VULNDB [DB_URL]`)

Real parts only: the local registry (registry.sh bump pushes new digests), `hawser serve` started
here with a webhook receiver and a feed mirror written in this file, the feeds of ../shared/feeds
served in their publishers' URL layout, and one OSV record added to (then withdrawn from) the
served PyPI index. The vulnerability DB is copied first, so the caller's stays as it was.

Checks, in order (each prints PASS/FAIL; then `N passed, M failed`):
  tag_update          a tag watched (1 s polls): `registry.sh bump` → tag_update then analysis_update
                      for the new digest, signed (X-Hawser-Signature), Anchore's envelope; the same
                      as a Slack message and a Microsoft Teams card
  feed_sync_added     `anchore-cli system feeds sync` with the served OSV index naming a new record
                      for requests → vuln_update with it in `added` (no re-pull: the blob cache is
                      untouched), policy_eval as the bundle's result turns go → stop
  email_and_issues    the same vuln_update and policy_eval as an e-mail (through a local aiosmtpd server,
                      STARTTLS with its own certificate trusted, AUTH) and as issues opened in local
                      fakes of GitHub's and Jira's REST APIs (scripts/notify_fakes.py)
  feed_sync_removed   the record withdrawn → vuln_update with it in `removed`
  event_log           stored events notified as `event_log` (enabled for info and error here): the feed
                      syncs' `system.feeds.sync.completed` events arrive in /events' shape
  webhook_test        POST /system/webhooks/general/test ×5 → each delivered within 1 s; prints the latency
  receiver_down       receiver stopped, notifications raised, server kill -9, restart, receiver
                      back → every queued delivery arrives, none twice
  two_instances       (PostgreSQL only) a second `hawser serve` on the same database: a bump is
                      notified once (tag_update and analysis_update one each)
"""
import argparse, base64, hashlib, hmac, json, os, shutil, socket, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from feed_mirror import OSV_HOST, SHARED, Mirror

ADMIN = ("admin", "foobar")
REG = os.environ.get("HAWSER_TEST_REGISTRY", "127.0.0.1:5055")
REG_USER = os.environ.get("HAWSER_TEST_REGISTRY_USER", "fixture")
REG_PASS = os.environ.get("HAWSER_TEST_REGISTRY_PASSWORD", "fixture-pw")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGISTRY_STATE = os.environ.get("HAWSER_TEST_STATE", "/tmp/hawser-test-registry")
WATCHED = f"{REG}/fixture/watch:latest"
SECRET = "watch-check-secret"
RECORD_ID = "HAWSER-2099-0001"
FAKE_USER, FAKE_SECRET = "hawser-bot", "fake-secret"
CHECKS, STATE = [], {}


def check(fn):
    CHECKS.append(fn)
    return fn


class Failed(Exception):
    pass


def expect(cond, msg):
    if not cond:
        raise Failed(msg)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Receiver:
    """The webhook receiver: records every POST (delivery id, type, signature check, body)."""

    def __init__(self, port):
        self.port, self.deliveries, self.lock, self.server = port, [], threading.Lock(), None

    def start(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
                with receiver.lock:
                    receiver.deliveries.append({
                        "id": self.headers.get("X-Hawser-Delivery"), "type": self.headers.get("X-Hawser-Notification-Type"),
                        "path": self.path, "signed": self.headers.get("X-Hawser-Signature") == expected,
                        "body": json.loads(body or b"{}"), "at": time.time()})
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def of(self, type_, digest=None, path="/general/"):
        with self.lock:
            found = [d for d in self.deliveries if d["type"] == type_ and d["path"].startswith(path)]
        if digest:
            found = [d for d in found if digest in json.dumps(d["body"])]
        return found

    def wait(self, type_, digest=None, timeout=60, count=1, path="/general/"):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.of(type_, digest, path)
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise Failed(f"no {type_} notification{' for ' + digest if digest else ''} within {timeout} s "
                     f"(received: {[(d['type'], d['path']) for d in self.deliveries]})")


class Server:
    def __init__(self, name, port, data_dir, env):
        self.name, self.port, self.data_dir, self.env, self.proc = name, port, data_dir, env, None
        self.url = f"http://127.0.0.1:{port}"
        self.log = os.path.join(A.workdir, f"{name}.log")

    def start(self):
        cmd = [A.hawser, "serve", "--data-dir", self.data_dir, "--vuln-db", STATE["vulndb"], "--listen", f"127.0.0.1:{self.port}",
               "--lease-seconds", "3"] + (["--db", A.db] if A.db else [])
        with open(self.log, "a") as log:
            log.write(f"==== {' '.join(cmd)}\n")
            log.flush()
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=log, env=self.env)
        deadline = time.time() + 60
        while time.time() < deadline:
            expect(self.proc.poll() is None, f"{self.name} exited with {self.proc.returncode} while starting")
            try:
                if http("GET", "/health", server=self, auth=None)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise Failed(f"{self.name}: GET /health did not answer within 60 s")

    def stop(self, kill=False):
        if self.proc and self.proc.poll() is None:
            (self.proc.kill if kill else self.proc.terminate)()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def tail(self, n=40):
        with open(self.log, errors="replace") as f:
            return "".join(f.readlines()[-n:])


def http(method, path, body=None, server=None, auth=ADMIN, timeout=600):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request((server or S).url + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if auth:
        req.add_header("Authorization", "Basic " + base64.b64encode(":".join(auth).encode()).decode())
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            status, text = resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def cli(*args, timeout=900, answer=None):
    cmd = [A.anchore_cli, "--url", S.url + "/v1", "--u", ADMIN[0], "--p", ADMIN[1]] + list(args)
    env = dict(os.environ, ANCHORE_CLI_CONFIG=os.path.join(A.workdir, "no-credentials.yaml"))
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, input=answer)
    return p.returncode, p.stdout + p.stderr


def bump():
    """Pushes a new digest under the watched tag; returns it."""
    p = subprocess.run(["bash", os.path.join(SHARED, "tools", "registry.sh"), "bump", REGISTRY_STATE, A.images, "fixture/watch:latest"],
                       capture_output=True, text=True, timeout=300)
    expect(p.returncode == 0, f"registry.sh bump failed: {p.stderr[-400:]}")
    new = [line.split()[-1] for line in p.stdout.splitlines() if line.startswith("new ")]
    expect(new and new[0].startswith("sha256:"), f"registry.sh bump printed no new digest: {p.stdout!r}")
    return new[0]


def wait_analyzed(digest, timeout=180, server=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status, body = http("GET", f"/v1/images/{digest}", server=server)
        if status == 200 and body and body[0]["analysis_status"] == "analyzed":
            return
        expect(not (status == 200 and body and body[0]["analysis_status"] == "analysis_failed"), f"analysis of {digest} failed")
        time.sleep(0.2)
    raise Failed(f"{digest} not analyzed within {timeout} s")


def sync_feeds():
    t0 = time.time()
    rc, out = cli("system", "feeds", "sync", answer="y\n")  # it asks "Really perform a manual feed data sync/flush? (y/N)"
    expect(rc == 0 and "vulnerabilities" in out, f"`anchore-cli system feeds sync` exited {rc}: {out.strip()[-400:]}")
    print(f"INFO feed sync + re-match: {time.time() - t0:.1f} s", flush=True)


def env_for(data_dir_key):
    return dict(os.environ, HAWSER_ADMIN_PASSWORD=ADMIN[1], HAWSER_PASSWORD_ROUNDS="1000", HAWSER_SECRET_KEY=STATE["key"],
                HAWSER_WEBHOOK_URL=f"http://127.0.0.1:{R.port}/general/<notification_type>/<userId>",
                HAWSER_WEBHOOK_SECRET=SECRET, HAWSER_SLACK_WEBHOOK_URL=f"http://127.0.0.1:{R.port}/slack",
                HAWSER_TEAMS_WEBHOOK_URL=f"http://127.0.0.1:{R.port}/teams", HAWSER_TAG_POLL_SECONDS="1", HAWSER_FEED_SYNC_SECONDS="0",
                HAWSER_FEED_MIRROR_URL=f"http://127.0.0.1:{M.port}", HAWSER_FEED_SOURCES="osv",
                HAWSER_NOTIFICATION_RETRY_TIMEOUT="300", HAWSER_FEED_RETRY_DELAY_MS="50",
                HAWSER_SMTP_URL=f"smtp://{FAKE_USER}:{FAKE_SECRET}@127.0.0.1:{F.smtp_port}", HAWSER_SMTP_TO="security@example.test,ops@example.test",
                HAWSER_SMTP_FROM="hawser@example.test", HAWSER_SMTP_CA_FILE=os.path.join(F.cert_dir, "cert.pem"),
                HAWSER_GITHUB_REPOSITORY="acme/images", HAWSER_GITHUB_TOKEN=FAKE_SECRET, HAWSER_GITHUB_API_URL=f"http://127.0.0.1:{F.http_port}",
                HAWSER_GITHUB_LABELS="security,hawser", HAWSER_JIRA_URL=f"http://127.0.0.1:{F.http_port}/", HAWSER_JIRA_PROJECT="SEC",
                HAWSER_JIRA_USER=FAKE_USER, HAWSER_JIRA_TOKEN=FAKE_SECRET,
                HAWSER_EVENT_LOG_NOTIFICATIONS="true", HAWSER_EVENT_LOG_LEVELS="info,error")


class Fakes:
    """scripts/notify_fakes.py: an SMTP server (aiosmtpd, STARTTLS, AUTH) and fakes of the GitHub and Jira issue APIs."""

    def __init__(self, workdir):
        self.smtp_port, self.http_port = free_port(), free_port()
        self.cert_dir, self.out = os.path.join(workdir, "fakes-cert"), os.path.join(workdir, "fakes.jsonl")

    def start(self):
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(REPO, "scripts", "notify_fakes.py"), "--out", self.out, "--smtp-port", str(self.smtp_port),
             "--http-port", str(self.http_port), "--cert-dir", self.cert_dir, "--smtp-user", FAKE_USER, "--smtp-password", FAKE_SECRET,
             "--github-token", FAKE_SECRET, "--jira-user", FAKE_USER, "--jira-token", FAKE_SECRET], stdout=subprocess.PIPE, text=True)
        expect(self.proc.stdout.readline().strip() == "ready", "notify_fakes.py did not start (is aiosmtpd installed?)")

    def events(self):
        with open(self.out) as f:
            return [json.loads(line) for line in f if line.strip()]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def setup():
    STATE["first"] = bump()
    status, _ = http("POST", "/v1/registries", {"registry": REG, "registry_user": REG_USER, "registry_pass": REG_PASS, "registry_verify": False})
    expect(status == 200, f"registry add → {status}")
    status, body = http("POST", "/v1/images", {"tag": WATCHED})
    expect(status == 200, f"image add → {status} {str(body)[:200]}")
    wait_analyzed(body[0]["imageDigest"])
    for type_ in ["vuln_update", "policy_eval"]:
        rc, out = cli("subscription", "activate", type_, WATCHED)
        expect(rc == 0, f"subscription activate {type_} → {rc}: {out[-300:]}")
    # A bundle that passes unless the check's record is found, active from now on.
    bundle = {"id": "watch-check", "version": "1_0", "name": "watch check", "whitelists": [], "blacklisted_images": [], "whitelisted_images": [],
              "mappings": [{"id": "m", "name": "all", "registry": "*", "repository": "*", "image": {"type": "tag", "value": "*"},
                            "policy_id": "p", "whitelist_ids": []}],
              "policies": [{"id": "p", "name": "p", "version": "1_0", "rules": [
                  {"id": "r", "gate": "vulnerabilities", "trigger": "blacklist", "action": "STOP",
                   "params": [{"name": "vulnerability_ids", "value": RECORD_ID}]}]}]}
    status, body = http("POST", "/v1/policies", bundle)
    expect(status == 200, f"policy add → {status} {str(body)[:300]}")
    rc, out = cli("policy", "activate", "watch-check")
    expect(rc == 0, f"policy activate → {rc}: {out[-300:]}")


@check
def tag_update():
    t0 = time.time()
    new = bump()
    STATE["second"] = new
    tag = R.wait("tag_update", new, timeout=30)[0]
    print(f"INFO tag_update {time.time() - t0:.1f} s after the push (1 s polls)", flush=True)
    payload = tag["body"]["data"]["notification_payload"]
    expect(payload["curr_eval"] == [new] and STATE["first"] in payload["last_eval"], f"tag_update payload: {payload}")
    expect(tag["body"]["data"]["notification_type"] == "tag_update" and tag["body"]["userId"] == "admin", f"envelope: {tag['body']}")
    expect(tag["path"] == "/general/tag_update/admin", f"URL template filled in: {tag['path']}")
    expect(tag["signed"], "X-Hawser-Signature does not verify")
    analysis = R.wait("analysis_update", new, timeout=180)
    done = [d for d in analysis if d["body"]["data"]["notification_payload"]["curr_eval"]["analysis_status"] == "analyzed"]
    expect(done, f"analysis_update payloads: {[d['body']['data']['notification_payload'] for d in analysis]}")
    expect(done[0]["at"] >= tag["at"], "analysis_update arrived before tag_update")
    # The same notification as a Slack message and a Teams card.
    slack = R.wait("tag_update", new, timeout=10, path="/slack")[0]["body"]
    expect(f"now points to {new}" in slack.get("text", ""), f"Slack body: {slack}")
    teams = R.wait("tag_update", new, timeout=10, path="/teams")[0]["body"]
    expect(teams.get("@type") == "MessageCard" and new in teams.get("text", ""), f"Teams body: {teams}")


@check
def feed_sync_added():
    # A first sync fetches the dumps; nothing changes for the stored images.
    rc, out = cli("evaluate", "check", WATCHED)
    expect(rc == 0, f"the check bundle should pass before the record exists: {out[-300:]}")
    cache = os.path.join(S.data_dir, "cache")
    before = sorted(os.listdir(cache)) if os.path.isdir(cache) else []
    sync_feeds()
    M.publish(RECORD_ID, "2099-01-01T00:00:00Z")
    sync_feeds()
    found = R.wait("vuln_update", STATE["second"], timeout=30)
    added = [i for d in found for i in d["body"]["data"]["notification_payload"]["diff_vulnerability_result"]["added"]]
    expect(any(i["CVE_ID"] == RECORD_ID and i["Package_Name"] == "requests" for i in added), f"vuln_update added: {added[:5]}")
    policy = R.wait("policy_eval", STATE["second"], timeout=30)[-1]["body"]["data"]["notification_payload"]
    expect(policy["last_eval"]["final_action"] == "go" and policy["curr_eval"]["final_action"] == "stop", f"policy_eval payload: {policy}")
    after = sorted(os.listdir(cache)) if os.path.isdir(cache) else []
    expect(after == before, "the blob cache changed: the images were pulled again")


@check
def email_and_issues():
    def wait_for(kind, test, what):
        deadline = time.time() + 30
        while time.time() < deadline:
            found = [e for e in F.events() if e["kind"] == kind and test(e)]
            if found:
                return found[0]
            time.sleep(0.2)
        raise Failed(f"no {kind} {what}; the fakes got: {[(e['kind'], e.get('subject') or e.get('title') or e.get('summary')) for e in F.events()][-8:]}")
    mail = wait_for("smtp", lambda e: "Vulnerabilities of" in (e["subject"] or "") and RECORD_ID in (e["body"] or ""), f"e-mail naming {RECORD_ID}")
    expect(mail["tls"] and mail["auth_user"] == FAKE_USER, f"the e-mail did not come over STARTTLS with AUTH: {mail}")
    expect(sorted(mail["rcpt_tos"]) == ["ops@example.test", "security@example.test"] and mail["mail_from"] == "hawser@example.test",
           f"envelope: {mail['mail_from']} → {mail['rcpt_tos']}")
    issue = wait_for("github", lambda e: RECORD_ID in (e["body"] or ""), f"issue naming {RECORD_ID}")
    expect((issue["owner"], issue["repo"]) == ("acme", "images") and issue["labels"] == ["security", "hawser"], f"GitHub issue: {issue}")
    expect(issue["title"].startswith("[Hawser] Vulnerabilities of"), f"GitHub issue title: {issue['title']}")
    jira = wait_for("jira", lambda e: RECORD_ID in (e["description"] or ""), f"issue naming {RECORD_ID}")
    expect(jira["project"] == "SEC" and jira["issuetype"] == "Bug", f"Jira issue: {jira}")
    # The policy change opens issues too (the trackers take vuln_update and policy_eval).
    wait_for("github", lambda e: "Policy result of" in e["title"] and "stop" in e["title"], "issue for the policy change")
    wait_for("jira", lambda e: "Policy result of" in (e["summary"] or ""), "issue for the policy change")


@check
def feed_sync_removed():
    M.publish(RECORD_ID, "2099-01-02T00:00:00Z", withdrawn=True)
    sync_feeds()
    deadline = time.time() + 30
    while time.time() < deadline:
        removed = [i for d in R.of("vuln_update", STATE["second"])
                   for i in d["body"]["data"]["notification_payload"]["diff_vulnerability_result"]["removed"]]
        if any(i["CVE_ID"] == RECORD_ID for i in removed):
            return
        time.sleep(0.2)
    raise Failed("no vuln_update with the withdrawn record in `removed`")


@check
def event_log():
    found = R.wait("event_log", "system.feeds.sync.completed", timeout=30)
    body = found[0]["body"]
    expect(found[0]["path"] == "/general/event_log/admin" and found[0]["signed"], f"event_log delivery: {found[0]['path']}")
    event = body["data"]["notification_payload"]["event"]
    expect(event["event"]["type"] == "system.feeds.sync.completed" and event["event"]["level"] == "INFO"
           and event["event"]["resource"]["type"] == "feeds" and event.get("generated_uuid"), f"event_log payload: {event}")
    status, listed = http("GET", "/v1/events?event_type=system.feeds.sync.completed")
    expect(status == 200 and any(r["generated_uuid"] == event["generated_uuid"] for r in listed["results"]),
           "the notified event is not the one /v1/events lists")


@check
def webhook_test():
    latencies = []
    for _ in range(5):
        t0 = time.time()
        status, body = http("POST", "/v1/system/webhooks/general/test?notification_type=analysis_update")
        expect(status == 200, f"webhook test → {status} {body}")
        deadline = time.time() + 10
        while time.time() < deadline and not any(d["id"] == body["queued"][0] for d in R.deliveries):
            time.sleep(0.005)
        arrived = [d for d in R.deliveries if d["id"] == body["queued"][0]]
        expect(arrived, "the test notification did not arrive within 10 s")
        latencies.append(arrived[0]["at"] - t0)
    latencies.sort()
    print(f"INFO notification latency (API call → receiver), 5 sends: median {latencies[2] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms", flush=True)
    expect(latencies[-1] <= 1.0, f"a notification arrived {latencies[-1]:.2f} s after the event (target ≤ 1 s)")


@check
def receiver_down():
    R.stop()
    STATE["t_down"] = time.time()
    queued = []
    for _ in range(3):
        status, body = http("POST", "/v1/system/webhooks/general/test?notification_type=tag_update")
        expect(status == 200, f"webhook test → {status} {body}")
        queued += body["queued"]
    M.publish(RECORD_ID, "2099-01-03T00:00:00Z")  # the record back: a vuln_update and a policy_eval queue up too
    sync_feeds()
    time.sleep(3)  # attempts fail (connection refused) and are rescheduled
    S.stop(kill=True)
    S.start()
    R.start()
    def raised_while_down():
        return [d for d in R.of("vuln_update") if d["at"] > STATE["t_down"] and RECORD_ID in json.dumps(d["body"])]
    deadline = time.time() + 90
    while time.time() < deadline:
        ids = [d["id"] for d in R.deliveries]
        if all(q in ids for q in queued) and raised_while_down():
            break
        time.sleep(0.5)
    ids = [d["id"] for d in R.deliveries]
    expect(all(q in ids for q in queued), f"test notifications lost: {[q for q in queued if q not in ids]}")
    twice = sorted({i for i in ids if ids.count(i) > 1})
    expect(not twice, f"delivered twice: {twice}")
    expect(raised_while_down(), "the vuln_update raised while the receiver was down never arrived")


@check
def two_instances():
    if not (A.db or "").startswith("postgres"):
        print("INFO two_instances: PostgreSQL only; skipped on SQLite", flush=True)
        return
    second = Server("serve-2", free_port(), os.path.join(A.workdir, "data-2"), env_for("2"))
    second.start()
    try:
        mark = len(R.deliveries)
        new = bump()
        R.wait("tag_update", new, timeout=30)
        R.wait("analysis_update", new, timeout=180)
        time.sleep(4)  # several more polls on both instances
        recent = [d for d in R.deliveries[mark:] if d["path"].startswith("/general/")]
        tags = [d for d in recent if d["type"] == "tag_update" and new in json.dumps(d["body"])]
        done = [d for d in recent if d["type"] == "analysis_update" and new in json.dumps(d["body"])
                and d["body"]["data"]["notification_payload"]["curr_eval"]["analysis_status"] == "analyzed"]
        expect(len(tags) == 1, f"tag_update for {new} delivered {len(tags)} times")
        expect(len(done) == 1, f"analysis_update (analyzed) for {new} delivered {len(done)} times")
    finally:
        second.stop()


def main():
    global A, S, R, M, F
    parser = argparse.ArgumentParser()
    parser.add_argument("--hawser", required=True)
    parser.add_argument("--vuln-db", required=True)
    parser.add_argument("--images", required=True, help="make-image.sh output (holds oci/)")
    parser.add_argument("--db")
    parser.add_argument("--workdir")
    parser.add_argument("--anchore-cli", default="/opt/anchorecli-venv/bin/anchore-cli")
    A = parser.parse_args()
    A.workdir = A.workdir or tempfile.mkdtemp(prefix="hawser-watch-check.")
    os.makedirs(A.workdir, exist_ok=True)
    STATE["vulndb"] = os.path.join(A.workdir, "vulndb.sqlite")
    shutil.copyfile(A.vuln_db, STATE["vulndb"])
    STATE["key"] = base64.b64encode(os.urandom(32)).decode()
    R, M, F = Receiver(free_port()), Mirror(free_port()), Fakes(A.workdir)
    R.start()
    M.start()
    F.start()
    S = Server("serve", free_port(), os.path.join(A.workdir, "data"), None)
    S.env = env_for("1")
    print(f"INFO workdir {A.workdir}, db {A.db or 'sqlite (default)'}", flush=True)
    passed = failed = 0
    try:
        try:
            S.start()
            setup()
        except Failed as e:
            print(f"FAIL setup: {e}")
            failed = 1
        for fn in CHECKS if not failed else []:
            try:
                fn()
                print(f"PASS {fn.__name__}", flush=True)
                passed += 1
            except Exception as e:  # noqa: BLE001 - any error fails just this check
                print(f"FAIL {fn.__name__}: {e if isinstance(e, Failed) else f'{type(e).__name__}: {e}'}", flush=True)
                failed += 1
                if S.proc.poll() is not None:
                    S.start()
                if not R.server:
                    R.start()
    finally:
        S.stop()
        R.stop()
        F.stop()
    if failed:
        print(f"---- last 40 lines of {S.log} ----\n{S.tail()}---- end of log ----")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
