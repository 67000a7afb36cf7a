#!/usr/bin/env python3
"""Fills a Hawser server with copies of one analysed image, for the service benchmarks.

  bench_seed.py URL SBOM_JSON COUNT

Imports SBOM_JSON (Hawser's native JSON, as GET /images/{digest}/sboms/native serves it) COUNT
times through `POST /v1/images?source=sbom`, each under its own digest and tag (bench/app-N:latest),
4 requests at a time, as admin:foobar. The copies carry no file list (the service keeps file lists
apart and the benchmarks' readers never need them); packages and matches are the image's own.
"""
import base64, hashlib, json, sys, urllib.request
from concurrent.futures import ThreadPoolExecutor

url, path, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
sbom = json.load(open(path))
sbom["files"] = []
sbom["source"]["manifestDigest"] = None
body = json.dumps(sbom).encode()
auth = "Basic " + base64.b64encode(b"admin:foobar").decode()


def add(i):
    digest = "sha256:" + hashlib.sha256(f"bench-copy-{i}".encode()).hexdigest()
    request = urllib.request.Request(f"{url}/images?source=sbom&tag=bench/app-{i}:latest&digest={digest}", data=body, method="POST",
                                     headers={"Authorization": auth, "Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=120).read()


with ThreadPoolExecutor(4) as pool:
    list(pool.map(add, range(1, count + 1)))
