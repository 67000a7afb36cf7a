#!/usr/bin/env python3
"""Fills a Hawser server with copies of one analysed image, for the service benchmarks.

  bench_seed.py URL SBOM_JSON COUNT [--distinct-layers]

Imports SBOM_JSON (Hawser's native JSON, as GET /images/{digest}/sboms/native serves it) COUNT
times through `POST /v1/images?source=sbom`, each under its own digest and tag (bench/app-N:latest),
4 requests at a time, as admin:foobar. With --distinct-layers every copy's packages are found in
layers of their own (each layer digest replaced per copy) and get ids of their own, as Hawser's id
(a hash that includes the layer) would be, with the relationships following them; so no two images
share a package or relationship entry (names and versions, hence lookups and matches, stay the same). The copies carry no file list (the service keeps file lists
apart and the benchmarks' readers never need them); packages and matches are the image's own.
"""
import base64, hashlib, json, sys, urllib.request
from concurrent.futures import ThreadPoolExecutor

url, path, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
distinct = "--distinct-layers" in sys.argv[4:]
sbom = json.load(open(path))
sbom["files"] = []
sbom["source"]["manifestDigest"] = None
body = json.dumps(sbom).encode()
auth = "Basic " + base64.b64encode(b"admin:foobar").decode()


def copy(i):
    if not distinct:
        return body
    layers = {}
    for package in sbom["packages"]:
        for location in package.get("locations", []):
            if location.get("layer"):
                layers[location["layer"]] = "sha256:" + hashlib.sha256(f"bench-copy-{i}-{location['layer']}".encode()).hexdigest()
    ids = {package["id"]: hashlib.sha256(f"bench-copy-{i}-{package['id']}".encode()).hexdigest()[:len(package["id"])]
           for package in sbom["packages"]}
    text = body.decode()
    for old, new in layers.items():
        text = text.replace(old, new)
    for old, new in ids.items():  # whole strings only: an id is short
        text = text.replace(f'"{old}"', f'"{new}"')
    return text.encode()


def add(i):
    digest = "sha256:" + hashlib.sha256(f"bench-copy-{i}".encode()).hexdigest()
    request = urllib.request.Request(f"{url}/images?source=sbom&tag=bench/app-{i}:latest&digest={digest}", data=copy(i), method="POST",
                                     headers={"Authorization": auth, "Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=120).read()


with ThreadPoolExecutor(4) as pool:
    list(pool.map(add, range(1, count + 1)))
