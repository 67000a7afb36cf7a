"""../shared/feeds served over HTTP in the publishers' URL layout, as `hawser serve --feed-mirror-url`
and `hawser db sync --mirror-url` fetch it (`GET /<host>/<path>` answers the file urlmap.tsv maps
`https://<host>/<path>` to; OSV records loose from each ecosystem's all.zip), with per-path
overrides so a check can publish a newer index (`PUT /__override__/<path>` sets one over HTTP,
`PUT /__publish__/<id>?modified=<time>` a new OSV record for requests). Used by watch_check.py and bench-watch.sh.

Run on its own: `python3 scripts/feed_mirror.py PORT` serves until killed.
"""
import json, os, sys, threading, urllib.parse, zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("HAWSER_SHARED_DIR", os.path.join(os.path.dirname(REPO), "shared"))
OSV_HOST = "osv-vulnerabilities.storage.googleapis.com"


class Mirror:
    """../shared/feeds in the publishers' URL layout (as `--feed-mirror-url` asks for it), with
    OSV records served loose from each ecosystem's all.zip, and per-path overrides."""

    def __init__(self, port):
        self.port, self.overrides, self.map = port, {}, {}
        with open(os.path.join(SHARED, "feeds", "urlmap.tsv")) as f:
            for line in f.read().splitlines()[1:]:
                columns = line.split("\t")
                if len(columns) >= 2 and columns[0].startswith("https://") and "<" not in columns[0] and "?" not in columns[0]:
                    self.map["/" + columns[0][len("https://"):]] = os.path.join(SHARED, "feeds", columns[1])

    def answer(self, path):
        path = urllib.parse.unquote(path)
        if path in self.overrides:
            return self.overrides[path]
        if path in self.map and os.path.isfile(self.map[path]):
            with open(self.map[path], "rb") as f:
                return f.read()
        parts = path.strip("/").split("/")
        if len(parts) == 3 and parts[0] == OSV_HOST and parts[2].endswith(".json"):
            archive = os.path.join(SHARED, "feeds", "osv", parts[1], "all.zip")
            if os.path.isfile(archive):
                with zipfile.ZipFile(archive) as z:
                    if parts[2] in z.namelist():
                        return z.read(parts[2])
        return None

    def start(self):
        mirror = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                data = mirror.answer(self.path)
                self.send_response(200 if data is not None else 404)
                self.send_header("Content-Length", str(len(data or b"")))
                self.end_headers()
                self.wfile.write(data or b"")

            def do_PUT(self):
                # PUT /__override__/<path>: serve the body at <path> from now on (benchmarks change a feed this way);
                # PUT /__publish__/<id>?modified=<time>: `publish` an OSV record for requests.
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path.startswith("/__override__/"):
                    mirror.overrides[self.path[len("/__override__"):]] = body
                    self.send_response(204)
                elif self.path.startswith("/__publish__/"):
                    url = urllib.parse.urlparse(self.path)
                    modified = urllib.parse.parse_qs(url.query).get("modified", ["2099-01-01T00:00:00Z"])[0]
                    mirror.publish(url.path[len("/__publish__/"):], modified)
                    self.send_response(204)
                else:
                    self.send_response(404)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def publish(self, record_id, modified, withdrawn=False):
        """Puts an OSV record `record_id` for PyPI's requests (< 99.0, CVSS 9.8) into the served PyPI
        index as its newest entry and serves it; `withdrawn` publishes it withdrawn."""
        record = {"schema_version": "1.6.0", "id": record_id, "modified": modified, "published": "2099-01-01T00:00:00Z",
                  "summary": "A record the watch check adds to requests",
                  "affected": [{"package": {"ecosystem": "PyPI", "name": "requests"},
                                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99.0"}]}]}],
                  "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
                  "references": [{"type": "WEB", "url": "https://example.test/" + record_id}]}
        if withdrawn:
            record["withdrawn"] = modified
        with open(os.path.join(SHARED, "feeds", "osv", "PyPI", "modified_id.csv"), "rb") as f:
            index = f.read()
        self.overrides[f"/{OSV_HOST}/PyPI/modified_id.csv"] = f"{modified},{record_id}\n".encode() + index
        self.overrides[f"/{OSV_HOST}/PyPI/{record_id}.json"] = json.dumps(record).encode()


if __name__ == "__main__":
    server = Mirror(int(sys.argv[1]))
    server.start()
    threading.Event().wait()
