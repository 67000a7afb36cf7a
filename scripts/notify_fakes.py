#!/usr/bin/env python3
"""Local stand-ins for Hawser's notification destinations (an SMTP server, GitHub and Jira issue APIs).

Usage:
  notify_fakes.py --out EVENTS.jsonl --smtp-port P1 --http-port P2 [--smtp-user U --smtp-password W]
                  [--github-token T] [--jira-user U --jira-token T] [--cert-dir DIR]
  notify_fakes.py --self-test

Runs until killed; prints "ready" once every listener accepts connections, and appends one JSON object
per accepted item to EVENTS.jsonl (refused requests are not recorded). Needs `pip install aiosmtpd`
and the `openssl` command.

  SMTP  127.0.0.1:P1  STARTTLS before anything but EHLO/NOOP/QUIT (530 otherwise), certificate made at
        start in DIR/cert.pem (CN=localhost, SAN IP:127.0.0.1, DNS:localhost); with --smtp-user, AUTH
        PLAIN or LOGIN is required before MAIL (530), a wrong password gets 535.
  POST  /repos/{owner}/{repo}/issues   Authorization: "Bearer T" or "token T" (else 401, if --github-token);
        JSON {"title" (required, else 422), "body"?, "labels"?: [str]} → 201 {id, number, html_url, title}
  POST  /rest/api/2/issue   Basic base64(user:token) (else 401, if --jira-user); JSON {"fields": {"project":
        {"key"}, "summary", "description"?, "issuetype": {"name"}?, "labels"?}} → 201 {id, key, self};
        400 {"errorMessages": [], "errors": {...}} without summary or project key
  GET   /__events   every record so far, as a JSON list
"""
import argparse, base64, json, logging, os, shutil, signal, smtplib, socket, ssl, subprocess, sys, tempfile, threading
import urllib.error, urllib.request
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace


class Recorder:
    """Events in memory (for /__events) and in the JSONL file, flushed per line so a killed fake loses nothing."""

    def __init__(self, path):
        self.events, self.lock, self.file = [], threading.Lock(), open(path, "a", encoding="utf-8")

    def add(self, event):
        with self.lock:
            self.events.append(event)
            self.file.write(json.dumps(event) + "\n")
            self.file.flush()


def make_cert(cert_dir):
    """A fresh self-signed certificate each start, so no key is ever kept in the repo."""
    os.makedirs(cert_dir, exist_ok=True)
    cert, key = os.path.join(cert_dir, "cert.pem"), os.path.join(cert_dir, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", key,
                    "-out", cert, "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True)
    return cert, key


def start_smtp(args, rec):
    # Imported here so --help works before aiosmtpd is installed.
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
    # aiosmtpd warns about its own deprecated attribute on every AUTH; keep its other messages.
    logging.getLogger("mail.log").addFilter(lambda r: "login_data is deprecated" not in r.getMessage())

    async def handle_DATA(server, session, envelope):
        msg = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        plain = msg.get_body(preferencelist=("plain",))
        rec.add({"kind": "smtp", "mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos),
                 "subject": str(msg.get("Subject", "")), "headers": {k: str(v) for k, v in msg.items()},
                 # Wire data is CRLF; \n keeps the test's comparisons simple.
                 "body": plain.get_content().replace("\r\n", "\n") if plain else "", "tls": session.ssl is not None,
                 "auth_user": session.auth_data if session.authenticated else None})
        return "250 OK"

    def authenticator(server, session, envelope, mechanism, data):
        ok = (isinstance(data, LoginPassword) and data.login.decode(errors="replace") == args.smtp_user
              and data.password.decode(errors="replace") == args.smtp_password)
        # handled=False makes aiosmtpd itself answer 535 on failure (handled=True would send nothing).
        return AuthResult(success=ok, handled=False, auth_data=args.smtp_user if ok else None)

    cert, key = make_cert(args.cert_dir)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    extra = {"auth_required": True, "authenticator": authenticator} if args.smtp_user else {}
    smtp = Controller(SimpleNamespace(handle_DATA=handle_DATA), hostname="127.0.0.1", port=args.smtp_port, server_hostname="localhost",
                      tls_context=tls, require_starttls=True, **extra)
    smtp.start()  # returns once the server has answered a connection
    return smtp


def make_http(args, rec):
    counters, lock = {}, threading.Lock()

    def next_n(key):
        with lock:
            counters[key] = counters.get(key, 0) + 1
            return counters[key]

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):  # the e2e test's output stays readable
            pass

        def reply(self, status, obj):
            data = json.dumps(obj).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            self.reply(200, list(rec.events)) if self.path == "/__events" else self.reply(404, {"message": "Not Found"})

        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))  # read first: keep the socket clean
            try:
                body = json.loads(raw or b"null")
            except ValueError:
                body = None
            path = self.path.split("?")[0].strip("/").split("/")
            if len(path) == 4 and path[0] == "repos" and path[3] == "issues":
                self.github(path[1], path[2], body)
            elif path == ["rest", "api", "2", "issue"]:
                self.jira(body)
            else:
                self.reply(404, {"message": "Not Found"})

        def github(self, owner, repo, body):
            scheme, _, token = (self.headers.get("Authorization") or "").partition(" ")
            if args.github_token and not (scheme.lower() in ("bearer", "token") and token == args.github_token):
                return self.reply(401, {"message": "Bad credentials"})
            if not isinstance(body, dict):
                return self.reply(400, {"message": "Problems parsing JSON"})
            if not isinstance(body.get("title"), str) or not body["title"]:
                return self.reply(422, {"message": "Validation Failed",
                                        "errors": [{"resource": "Issue", "code": "missing_field", "field": "title"}]})
            n, issue_id = next_n(f"gh:{owner}/{repo}"), next_n("gh-id")
            rec.add({"kind": "github", "owner": owner, "repo": repo, "title": body["title"], "body": body.get("body"),
                     "labels": body.get("labels") or [], "headers": {h: self.headers[h] for h in
                     ("Accept", "User-Agent", "X-GitHub-Api-Version") if self.headers.get(h) is not None}})
            self.reply(201, {"id": issue_id, "number": n, "title": body["title"],
                             "html_url": f"http://127.0.0.1:{args.http_port}/{owner}/{repo}/issues/{n}"})

        def jira(self, body):
            expected = "Basic " + base64.b64encode(f"{args.jira_user}:{args.jira_token}".encode()).decode()
            if args.jira_user and self.headers.get("Authorization") != expected:
                return self.reply(401, {"errorMessages": ["You are not authenticated."], "errors": {}})
            fields = body.get("fields") if isinstance(body, dict) else None
            if not isinstance(fields, dict):
                return self.reply(400, {"errorMessages": ["No fields given."], "errors": {}})
            key, errors = (fields.get("project") or {}).get("key"), {}
            if not fields.get("summary"):
                errors["summary"] = "You must specify a summary of the issue."
            if not key:
                errors["project"] = "valid project is required"
            if errors:
                return self.reply(400, {"errorMessages": [], "errors": errors})
            issue_id = str(10000 + next_n("jira-id"))
            rec.add({"kind": "jira", "project": key, "summary": fields["summary"], "description": fields.get("description"),
                     "issuetype": (fields.get("issuetype") or {}).get("name"), "labels": fields.get("labels") or []})
            self.reply(201, {"id": issue_id, "key": f"{key}-{next_n('jira:' + key)}",
                             "self": f"http://127.0.0.1:{args.http_port}/rest/api/2/issue/{issue_id}"})

    return ThreadingHTTPServer(("127.0.0.1", args.http_port), Handler)


def serve(args):
    args.cert_dir = args.cert_dir or tempfile.mkdtemp(prefix="notify-fakes-")
    rec = Recorder(args.out)
    smtp, http = start_smtp(args, rec), make_http(args, rec)  # the HTTP socket listens once constructed
    threading.Thread(target=http.serve_forever, daemon=True).start()
    print("ready", flush=True)
    for sig in (signal.SIGTERM, signal.SIGINT):  # a plain kill or ^C still runs `finally`, stopping the servers
        signal.signal(sig, lambda *_: sys.exit(0))
    try:
        signal.pause()
    finally:
        smtp.stop()
        http.shutdown()


# ---- self-test: runs this file as the e2e test would and talks to it like Hawser should ----

class Failed(Exception):
    pass


def expect(cond, msg):
    if not cond:
        raise Failed(msg)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url, body, auth=None):
    headers = {"Content-Type": "application/json", "Accept": "application/vnd.github+json",
               "User-Agent": "notify-fakes-self-test", "X-GitHub-Api-Version": "2022-11-28"}
    req = urllib.request.Request(url, json.dumps(body).encode(), {**headers, **({"Authorization": auth} if auth else {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def check_smtp(port, cert, events):
    client_tls = ssl.create_default_context(cafile=cert)  # verifies the certificate for 127.0.0.1, as a strict client would
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as s:
        s.ehlo()
        code = s.docmd("AUTH", "PLAIN " + base64.b64encode(b"\0mailer\0mail-pw").decode())[0]
        expect(code == 530, f"AUTH before STARTTLS answered {code}, want 530")
        expect(s.docmd("MAIL", "FROM:<a@b.c>")[0] == 530, "MAIL before STARTTLS was not refused")
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as s:
        s.starttls(context=client_tls)
        s.ehlo()  # STARTTLS resets the session (RFC 3207)
        code = s.docmd("MAIL", "FROM:<a@b.c>")[0]
        expect(code == 530, f"MAIL without AUTH answered {code}, want 530")
        try:
            s.login("mailer", "wrong")
            raise Failed("a wrong SMTP password was accepted")
        except smtplib.SMTPAuthenticationError as e:
            expect(e.smtp_code == 535, f"wrong password answered {e.smtp_code}, want 535")
        s.user, s.password = "mailer", "mail-pw"
        expect(s.auth("LOGIN", s.auth_login)[0] == 235, "AUTH LOGIN with the right password failed")
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = "hawser@example.test", "ops@example.test, sec@example.test", "Hawser: stop"
        msg.set_content("Policy went go → stop.\n")
        msg.add_alternative("<p>Policy went go &rarr; stop.</p>", subtype="html")
        s.send_message(msg)
    (e,) = [e for e in events() if e["kind"] == "smtp"]
    expect(e["rcpt_tos"] == ["ops@example.test", "sec@example.test"] and e["mail_from"] == "hawser@example.test",
           f"envelope recorded wrong: {e}")
    expect(e["subject"] == "Hawser: stop" and e["body"] == "Policy went go → stop.\n", f"message recorded wrong: {e}")
    expect(e["tls"] is True and e["auth_user"] == "mailer" and e["headers"]["To"].startswith("ops@"), f"record: {e}")


def check_rest(base, events):
    gh, jira = f"{base}/repos/acme/web/issues", f"{base}/rest/api/2/issue"
    basic = lambda pw: "Basic " + base64.b64encode(b"bot:" + pw).decode()
    fields = {"project": {"key": "OPS"}, "summary": "CVE found", "description": "d", "issuetype": {"name": "Bug"},
              "labels": ["hawser"]}
    refusals = [  # (url, body, Authorization, status, part of the answer)
        (gh, {"title": "x"}, None, 401, {"message": "Bad credentials"}),
        (gh, {"title": "x"}, "Bearer nope", 401, {"message": "Bad credentials"}),
        (gh, {"body": "no title"}, "Bearer gh-token", 422, {"message": "Validation Failed"}),
        (jira, {"fields": fields}, None, 401, {}),
        (jira, {"fields": fields}, basic(b"bad"), 401, {}),
        (jira, {"fields": {**fields, "summary": ""}}, basic(b"jira-pw"), 400,
         {"errorMessages": [], "errors": {"summary": "You must specify a summary of the issue."}}),
        (jira, {"fields": {**fields, "project": {}}}, basic(b"jira-pw"), 400,
         {"errorMessages": [], "errors": {"project": "valid project is required"}})]
    for url, body, auth, status, want in refusals:
        code, r = post(url, body, auth)
        expect(code == status and want.items() <= r.items(), f"POST {url} {body} ({auth}): {code} {r}, want {status} {want}")
    for auth, repo, n in [("Bearer gh-token", "web", 1), ("token gh-token", "web", 2), ("Bearer gh-token", "api", 1)]:
        code, r = post(f"{base}/repos/acme/{repo}/issues", {"title": "CVE", "body": "b", "labels": ["hawser"]}, auth)
        expect(code == 201 and r["number"] == n and r["html_url"] == f"{base}/acme/{repo}/issues/{n}", f"GitHub: {r}")
    for n in (1, 2):
        code, r = post(jira, {"fields": fields}, basic(b"jira-pw"))
        expect(code == 201 and r["key"] == f"OPS-{n}" and r["self"] == f"{jira}/{r['id']}", f"Jira: {code} {r}")
    recs = events()[1:]
    expect(recs[0] == {"kind": "github", "owner": "acme", "repo": "web", "title": "CVE", "body": "b", "labels": ["hawser"],
                       "headers": {"Accept": "application/vnd.github+json", "User-Agent": "notify-fakes-self-test",
                                   "X-GitHub-Api-Version": "2022-11-28"}}, f"GitHub record: {recs[0]}")
    expect(recs[3] == {"kind": "jira", "project": "OPS", "summary": "CVE found", "description": "d", "issuetype": "Bug",
                       "labels": ["hawser"]}, f"Jira record: {recs[3]}")


def self_test():
    tmp = tempfile.mkdtemp(prefix="notify-fakes-test-")
    out, sp, hp = os.path.join(tmp, "events.jsonl"), free_port(), free_port()
    proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--out", out, "--smtp-port", str(sp),
                             "--http-port", str(hp), "--smtp-user", "mailer", "--smtp-password", "mail-pw",
                             "--github-token", "gh-token", "--jira-user", "bot", "--jira-token", "jira-pw",
                             "--cert-dir", os.path.join(tmp, "certs")], stdout=subprocess.PIPE, text=True)
    timer = threading.Timer(30, proc.kill)  # a hung start must not hang the self-test
    timer.start()
    base = f"http://127.0.0.1:{hp}"
    try:
        line = proc.stdout.readline()
        timer.cancel()
        expect(line == "ready\n", f"fakes did not start: printed {line!r}, exit code {proc.poll()}")
        events = lambda: [json.loads(x) for x in open(out, encoding="utf-8")]
        check_smtp(sp, os.path.join(tmp, "certs", "cert.pem"), events)
        check_rest(base, events)
        with urllib.request.urlopen(f"{base}/__events", timeout=10) as r:
            expect(json.loads(r.read()) == events(), "/__events differs from EVENTS.jsonl")
        expect([e["kind"] for e in events()] == ["smtp"] + ["github"] * 3 + ["jira"] * 2, "unexpected extra records")
    except Failed as e:
        print(f"self-test FAILED: {e} (files kept in {tmp})", file=sys.stderr)
        return 1
    finally:
        timer.cancel()
        proc.terminate()
        proc.wait(10)
    shutil.rmtree(tmp)
    print("self-test passed")
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--self-test", action="store_true")
    p.add_argument("--out")
    p.add_argument("--smtp-port", type=int)
    p.add_argument("--http-port", type=int)
    for name in ("smtp-user", "smtp-password", "github-token", "jira-user", "jira-token", "cert-dir"):
        p.add_argument(f"--{name}")
    args = p.parse_args()
    if args.self_test:
        sys.exit(self_test())
    if not (args.out and args.smtp_port and args.http_port):
        p.error("--out, --smtp-port and --http-port are required")
    serve(args)


if __name__ == "__main__":
    main()
