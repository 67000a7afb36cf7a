#!/usr/bin/env python3
"""Static check of Hawser's deployment files, without Docker or kubectl.

Usage:
  deploy_check.py [--compose FILE] [--kubernetes FILE]
                  (defaults deploy/compose.yaml and deploy/kubernetes/hawser.yaml)
  deploy_check.py --self-test
                  break copies of those files on purpose and require every break to be rejected

Compose: services, images, depends_on, named volumes, and for each Hawser service its command
(`hawser serve` flags, a valid `--role`, `--listen` on 8228, `--db` naming the PostgreSQL service),
the admin password and shared secret key; the roles together cover api, worker and watcher.
Kubernetes: every document is validated against a small hand-written JSON Schema for its kind
(apiVersion, kind, metadata.name; containers with image, args, ports, /health probes, non-root
security context), then cross-checked: Deployment selectors match their template labels, probe and
--listen ports are declared, $(VAR) in args resolve, secretKeyRefs name an existing Secret key, PVCs
and volumes exist, the Service selects a Deployment and targets one of its ports.
Each problem is printed as FILE: document N (Kind/name): PATH: message; exit 1 if there is any.
Needs PyYAML and jsonschema.
"""
import argparse, copy, os, re, sys
from urllib.parse import urlsplit

import jsonschema
import yaml

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROLES = {"api", "worker", "watcher", "all"}
PORT = 8228
# `hawser serve --help` (plus --role, which the API/worker/watcher split adds).
SERVE_FLAGS = {"--db", "--data-dir", "--vuln-db", "--lease-seconds", "--tag-poll-seconds", "--repo-poll-seconds",
               "--feed-sync-seconds", "--feed-mirror-url", "--feed-source", "--content-search", "--listen",
               "--workers", "--role"}
ADMIN_PASSWORD = {"HAWSER_ADMIN_PASSWORD", "ANCHORE_ADMIN_PASSWORD"}


class Report:
    """Problems collected for one file; `where` names the document and the path in it."""

    def __init__(self, path):
        self.path, self.problems = path, []

    def add(self, doc, path, message):
        self.problems.append(f"{shown(self.path)}: {doc}: {path or '(document)'}: {message}")


def shown(path):
    """PATH relative to the repository when it is inside it."""
    relative = os.path.relpath(path, REPO)
    return path if relative.startswith("..") else relative


def dig(value, *keys):
    """value[k1][k2]… or None, for documents that may not match their schema."""
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def dotted(parts):
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def flags(args):
    """`--flag value` / `--flag=value` pairs of an argument list, in order."""
    pairs, i = [], 0
    while i < len(args):
        arg = str(args[i])
        if arg.startswith("--"):
            if "=" in arg:
                pairs.append(tuple(arg.split("=", 1)))
            else:
                value = str(args[i + 1]) if i + 1 < len(args) and not str(args[i + 1]).startswith("--") else None
                pairs.append((arg, value))
                i += value is not None
        i += 1
    return pairs


def check_serve_args(args, report, doc, path):
    """What every `hawser serve` argument list needs; returns {flag: value} for further checks."""
    seen = {}
    for flag, value in flags(args):
        if flag not in SERVE_FLAGS:
            report.add(doc, path, f"{flag} is not a `hawser serve` option")
        seen.setdefault(flag, value)
    role = seen.get("--role")
    if role is None:
        report.add(doc, path, "no --role (one of " + "|".join(sorted(ROLES)) + ")")
    elif role not in ROLES:
        report.add(doc, path, f"--role {role!r} is not one of " + "|".join(sorted(ROLES)))
    listen = seen.get("--listen")
    if listen is None or not re.fullmatch(rf"[^:]+:{PORT}", listen):
        report.add(doc, path, f"--listen must be HOST:{PORT} (the /health probes use {PORT}), got {listen!r}")
    if seen.get("--workers") is not None and not str(seen["--workers"]).isdigit():
        report.add(doc, path, f"--workers {seen['--workers']!r} is not a number")
    return seen


# ---------------------------------------------------------------------------------------- compose

def env_names(environment):
    if isinstance(environment, dict):
        return set(environment)
    return {str(item).split("=", 1)[0] for item in environment or []}


def env_value(environment, name):
    if isinstance(environment, dict):
        return environment.get(name)
    for item in environment or []:
        key, _, value = str(item).partition("=")
        if key == name:
            return value
    return None


def check_compose(docs, report):
    if len(docs) != 1 or not isinstance(docs[0], dict):
        report.add("document 1", "", "a compose file is one YAML mapping")
        return
    compose = docs[0]
    services = compose.get("services")
    if not isinstance(services, dict) or not services:
        report.add("document 1", "services", "no services")
        return
    volumes = set((compose.get("volumes") or {}).keys())
    roles, instances, db_hosts = set(), 0, set()
    for name, service in services.items():
        doc = f"document 1 (service {name})"
        base = f"services.{name}"
        if not isinstance(service, dict):
            report.add(doc, base, "not a mapping")
            continue
        image = service.get("image")
        if not (isinstance(image, str) and image) and "build" not in service:
            report.add(doc, f"{base}.image", "no image (or build)")
        depends = service.get("depends_on") or {}
        for dep, condition in (depends.items() if isinstance(depends, dict) else ((d, None) for d in depends)):
            if dep not in services:
                report.add(doc, f"{base}.depends_on.{dep}", f"no service {dep!r}")
            if isinstance(condition, dict) and condition.get("condition") not in (
                    "service_started", "service_healthy", "service_completed_successfully"):
                report.add(doc, f"{base}.depends_on.{dep}.condition", f"unknown condition {condition.get('condition')!r}")
            if isinstance(condition, dict) and condition.get("condition") == "service_healthy" \
                    and dep in services and "healthcheck" not in services[dep]:
                report.add(doc, f"{base}.depends_on.{dep}", f"waits for {dep} to be healthy, but {dep} has no healthcheck")
        for i, volume in enumerate(service.get("volumes") or []):
            source = volume.split(":", 1)[0] if isinstance(volume, str) else (volume or {}).get("source", "")
            if source and not source.startswith((".", "/", "~")) and source not in volumes:
                report.add(doc, f"{base}.volumes[{i}]", f"named volume {source!r} is not declared under volumes")
        replicas = (service.get("deploy") or {}).get("replicas", 1)
        if not isinstance(replicas, int) or replicas < 1:
            report.add(doc, f"{base}.deploy.replicas", f"must be a positive integer, got {replicas!r}")
            replicas = 1
        if not (isinstance(image, str) and "hawser" in image):
            continue
        # A Hawser service: the image's entrypoint is `hawser serve`, command holds its arguments.
        instances += replicas
        command = service.get("command")
        if not isinstance(command, list) or not all(isinstance(a, str) for a in command):
            report.add(doc, f"{base}.command", "must be a list of strings (the image's entrypoint is `hawser serve`)")
            continue
        seen = check_serve_args(command, report, doc, f"{base}.command")
        roles.add(seen.get("--role"))
        # --db, else HAWSER_DATABASE_URL (what `hawser serve` falls back on).
        db = seen.get("--db") or env_value(service.get("environment"), "HAWSER_DATABASE_URL") or ""
        if not db.startswith(("postgres://", "postgresql://")):
            report.add(doc, f"{base}.command", f"--db (or HAWSER_DATABASE_URL) must be a postgres:// URL shared by every instance, got {db!r}")
        else:
            host = urlsplit(db).hostname
            if host not in services:
                report.add(doc, f"{base}.command", f"--db host {host!r} is not a service")
            else:
                db_hosts.add(host)
                if host not in depends:
                    report.add(doc, f"{base}.depends_on", f"uses the database {host!r} but does not depend on it")
        names = env_names(service.get("environment"))
        if not names & ADMIN_PASSWORD:
            report.add(doc, f"{base}.environment", "no HAWSER_ADMIN_PASSWORD (the server refuses to start without it)")
        if "HAWSER_SECRET_KEY" not in names:
            report.add(doc, f"{base}.environment", "no HAWSER_SECRET_KEY (instances must share it to read sealed passwords)")
    for host in sorted(db_hosts):
        image = str(services[host].get("image", ""))
        if not image.startswith("postgres:15"):
            report.add(f"document 1 (service {host})", f"services.{host}.image", f"expected postgres:15, got {image!r}")
    if instances and "all" not in roles and not {"api", "worker", "watcher"} <= roles:
        report.add("document 1", "services", f"roles {sorted(r for r in roles if r)} do not cover api, worker and watcher")


# ------------------------------------------------------------------------------------- kubernetes

NAME = {"type": "string", "pattern": r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", "maxLength": 253}
LABELS = {"type": "object", "minProperties": 1, "additionalProperties": {"type": "string"}}
PORT_NAME = {"type": "string", "pattern": r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "maxLength": 15}
PORT_NUMBER = {"type": "integer", "minimum": 1, "maximum": 65535}
QUANTITY = {"type": ["string", "integer"], "pattern": r"^[0-9.]+(m|Ki|Mi|Gi|Ti|k|M|G|T)?$"}


def metadata(namespaced):
    return {"type": "object", "required": ["name"] + (["namespace"] if namespaced else []),
            "properties": {"name": NAME, "namespace": NAME, "labels": LABELS}}


def document(api_version, kind, namespaced, spec=None, required=("spec",), extra=None):
    schema = {"type": "object", "required": ["apiVersion", "kind", "metadata", *required],
              "properties": {"apiVersion": {"const": api_version}, "kind": {"const": kind},
                             "metadata": metadata(namespaced), **(extra or {})}}
    if spec:
        schema["properties"]["spec"] = spec
    return schema


PROBE = {"type": "object", "required": ["httpGet"],
         "properties": {"httpGet": {"type": "object", "required": ["path", "port"], "additionalProperties": False,
                                    "properties": {"path": {"const": "/health"}, "port": {"anyOf": [PORT_NUMBER, PORT_NAME]},
                                                   "scheme": {"enum": ["HTTP"]}}},
                        "initialDelaySeconds": {"type": "integer", "minimum": 0},
                        "periodSeconds": {"type": "integer", "minimum": 1},
                        "timeoutSeconds": {"type": "integer", "minimum": 1},
                        "failureThreshold": {"type": "integer", "minimum": 1}},
         "additionalProperties": False}
CONTAINER = {
    "type": "object", "additionalProperties": False,
    "required": ["name", "image", "args", "ports", "readinessProbe", "livenessProbe", "resources", "securityContext"],
    "properties": {
        "name": NAME, "image": {"type": "string", "minLength": 1}, "workingDir": {"type": "string"},
        "imagePullPolicy": {"enum": ["Always", "IfNotPresent", "Never"]},
        "command": {"type": "array", "items": {"type": "string"}},
        "args": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "env": {"type": "array", "items": {
            "type": "object", "required": ["name"], "additionalProperties": False,
            "properties": {"name": {"type": "string", "pattern": r"^[A-Za-z_][A-Za-z0-9_]*$"}, "value": {"type": "string"},
                           "valueFrom": {"type": "object", "properties": {"secretKeyRef": {
                               "type": "object", "required": ["name", "key"],
                               "properties": {"name": NAME, "key": {"type": "string"}, "optional": {"type": "boolean"}}}}}}}},
        "ports": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["containerPort"], "additionalProperties": False,
            "properties": {"name": PORT_NAME, "containerPort": PORT_NUMBER, "protocol": {"enum": ["TCP", "UDP", "SCTP"]}}}},
        "readinessProbe": PROBE, "livenessProbe": PROBE, "startupProbe": PROBE,
        "resources": {"type": "object", "required": ["requests", "limits"], "properties": {
            "requests": {"type": "object", "additionalProperties": QUANTITY},
            "limits": {"type": "object", "required": ["memory"], "additionalProperties": QUANTITY}}},
        "securityContext": {"type": "object", "properties": {
            "allowPrivilegeEscalation": {"const": False}, "readOnlyRootFilesystem": {"type": "boolean"},
            "runAsNonRoot": {"const": True}, "privileged": {"const": False}}},
        "volumeMounts": {"type": "array", "items": {"type": "object", "required": ["name", "mountPath"],
                                                    "properties": {"name": NAME, "mountPath": {"type": "string"}}}},
    },
}
SCHEMAS = {
    "Namespace": document("v1", "Namespace", False, required=()),
    "Secret": {**document("v1", "Secret", True, required=(), extra={
        "type": {"type": "string"},
        "data": {"type": "object", "additionalProperties": {"type": "string", "pattern": r"^[A-Za-z0-9+/]*={0,2}$"}},
        "stringData": {"type": "object", "additionalProperties": {"type": "string"}}}),
        "anyOf": [{"required": ["data"]}, {"required": ["stringData"]}]},
    "PersistentVolumeClaim": document("v1", "PersistentVolumeClaim", True, spec={
        "type": "object", "required": ["accessModes", "resources"],
        "properties": {"accessModes": {"type": "array", "minItems": 1,
                                       "items": {"enum": ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"]}},
                       "resources": {"type": "object", "required": ["requests"], "properties": {
                           "requests": {"type": "object", "required": ["storage"], "properties": {"storage": QUANTITY}}}}}}),
    "Service": document("v1", "Service", True, spec={
        "type": "object", "required": ["selector", "ports"],
        "properties": {"type": {"enum": ["ClusterIP", "NodePort", "LoadBalancer"]}, "selector": LABELS,
                       "ports": {"type": "array", "minItems": 1, "items": {
                           "type": "object", "required": ["port"],
                           "properties": {"name": PORT_NAME, "port": PORT_NUMBER, "protocol": {"enum": ["TCP", "UDP", "SCTP"]},
                                          "targetPort": {"anyOf": [PORT_NUMBER, PORT_NAME]}}}}}}),
    "Deployment": document("apps/v1", "Deployment", True, spec={
        "type": "object", "required": ["replicas", "selector", "template"],
        "properties": {
            "replicas": {"type": "integer", "minimum": 1},
            "selector": {"type": "object", "required": ["matchLabels"], "properties": {"matchLabels": LABELS}},
            "template": {"type": "object", "required": ["metadata", "spec"], "properties": {
                "metadata": {"type": "object", "required": ["labels"], "properties": {"labels": LABELS}},
                "spec": {"type": "object", "required": ["containers", "securityContext"], "properties": {
                    "securityContext": {"type": "object", "required": ["runAsNonRoot", "runAsUser"], "properties": {
                        "runAsNonRoot": {"const": True}, "runAsUser": {"const": 65532}, "runAsGroup": {"const": 65532},
                        "fsGroup": {"type": "integer"}}},
                    "containers": {"type": "array", "minItems": 1, "items": CONTAINER},
                    "volumes": {"type": "array", "items": {"type": "object", "required": ["name"], "properties": {
                        "name": NAME,
                        "persistentVolumeClaim": {"type": "object", "required": ["claimName"], "properties": {"claimName": NAME}},
                        "emptyDir": {"type": "object"}}}}}}}}}}),
}


def check_kubernetes(docs, report):
    objects = {}  # (kind, namespace, name) -> document
    labelled = []  # (where, document) of the documents that match their schema: only those are cross-checked
    pods = []      # (namespace, template labels) of every Deployment, so a Service is not blamed for a broken one
    for n, doc in enumerate(docs, 1):
        if doc is None:
            continue
        kind = doc.get("kind") if isinstance(doc, dict) else None
        name = ((doc.get("metadata") or {}).get("name") if isinstance(doc, dict) else None) or "?"
        where = f"document {n} ({kind}/{name})"
        schema = SCHEMAS.get(kind)
        if schema is None:
            report.add(where, "kind", f"unexpected kind {kind!r}; this file holds {', '.join(sorted(SCHEMAS))}")
            continue
        if kind == "Deployment":
            pods.append((dig(doc, "metadata", "namespace"), dig(doc, "spec", "template", "metadata", "labels") or {}))
        errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=lambda e: str(list(e.absolute_path)))
        for error in errors:
            report.add(where, dotted(error.absolute_path), error.message)
        if errors:
            continue
        key = (kind, doc["metadata"].get("namespace"), name)
        if key in objects:
            report.add(where, "metadata.name", f"a second {kind} named {name!r}")
        objects[key] = doc
        labelled.append((where, doc))
    namespaces = {name for (kind, _, name) in objects if kind == "Namespace"}
    secrets = {(ns, name): {**(d.get("data") or {}), **(d.get("stringData") or {})}
               for (kind, ns, name), d in objects.items() if kind == "Secret"}
    claims = {(ns, name) for (kind, ns, name) in objects if kind == "PersistentVolumeClaim"}
    deployments = [(w, d) for w, d in labelled if d["kind"] == "Deployment"]
    roles = set()
    for where, doc in labelled:
        ns = doc["metadata"].get("namespace")
        if doc["kind"] != "Namespace" and namespaces and ns not in namespaces:
            report.add(where, "metadata.namespace", f"namespace {ns!r} is not declared in this file")
    for where, doc in deployments:
        ns = doc["metadata"]["namespace"]
        spec = doc["spec"]["template"]["spec"]
        labels = doc["spec"]["template"]["metadata"]["labels"]
        for key, value in doc["spec"]["selector"]["matchLabels"].items():
            if labels.get(key) != value:
                report.add(where, f"spec.selector.matchLabels.{key}",
                           f"{value!r} does not match the template's label {labels.get(key)!r}")
        volumes = {v["name"]: v for v in spec.get("volumes") or []}
        for i, volume in enumerate(spec.get("volumes") or []):
            claim = (volume.get("persistentVolumeClaim") or {}).get("claimName")
            if claim and (ns, claim) not in claims:
                report.add(where, f"spec.template.spec.volumes[{i}].persistentVolumeClaim.claimName",
                           f"no PersistentVolumeClaim {claim!r} in namespace {ns!r}")
        for c, container in enumerate(spec["containers"]):
            base = f"spec.template.spec.containers[{c}]"
            numbers = {p["containerPort"] for p in container["ports"]}
            names = {p["name"] for p in container["ports"] if "name" in p}
            for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
                if probe not in container:
                    continue
                port = container[probe]["httpGet"]["port"]
                if port not in (numbers if isinstance(port, int) else names):
                    report.add(where, f"{base}.{probe}.httpGet.port", f"{port!r} is not a declared container port")
            seen = check_serve_args(container["args"], report, where, f"{base}.args")
            roles.add(seen.get("--role"))
            listen = seen.get("--listen") or ""
            if listen.rpartition(":")[2].isdigit() and int(listen.rpartition(":")[2]) not in numbers:
                report.add(where, f"{base}.args", f"--listen {listen} is not a declared container port")
            env = container.get("env") or []
            declared = {e["name"] for e in env}
            for arg in container["args"]:
                for var in re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", arg):
                    if var not in declared:
                        report.add(where, f"{base}.args", f"$({var}) is not an env variable of the container")
            if not declared & ADMIN_PASSWORD:
                report.add(where, f"{base}.env", "no HAWSER_ADMIN_PASSWORD (the server refuses to start without it)")
            if "--db" not in seen and "HAWSER_DATABASE_URL" not in declared:
                report.add(where, f"{base}.env", "no --db and no HAWSER_DATABASE_URL: each pod would use its own SQLite file")
            for e, item in enumerate(env):
                ref = (item.get("valueFrom") or {}).get("secretKeyRef")
                if not ref or ref.get("optional"):
                    continue
                if (ns, ref["name"]) not in secrets:
                    report.add(where, f"{base}.env[{e}].valueFrom.secretKeyRef.name", f"no Secret {ref['name']!r} in namespace {ns!r}")
                elif ref["key"] not in secrets[(ns, ref["name"])]:
                    report.add(where, f"{base}.env[{e}].valueFrom.secretKeyRef.key",
                               f"Secret {ref['name']!r} has no key {ref['key']!r} (it has {', '.join(sorted(secrets[(ns, ref['name'])]))})")
            mounts = {m["mountPath"] for m in container.get("volumeMounts") or []}
            for m, mount in enumerate(container.get("volumeMounts") or []):
                if mount["name"] not in volumes:
                    report.add(where, f"{base}.volumeMounts[{m}].name", f"no volume {mount['name']!r} in the pod")
            if container["securityContext"].get("readOnlyRootFilesystem"):
                for needed in filter(None, (seen.get("--data-dir"), "/tmp")):
                    if needed not in mounts:
                        report.add(where, f"{base}.volumeMounts", f"read-only root filesystem but nothing mounted at {needed}")
    for where, doc in labelled:
        if doc["kind"] != "Service":
            continue
        ns, selector = doc["metadata"]["namespace"], doc["spec"]["selector"]
        if not any(pod_ns == ns and all(labels.get(k) == v for k, v in selector.items()) for pod_ns, labels in pods):
            report.add(where, "spec.selector", f"selects no Deployment's pods in namespace {ns!r}")
            continue
        targets = [d for _, d in deployments if d["metadata"]["namespace"] == ns
                   and all(d["spec"]["template"]["metadata"]["labels"].get(k) == v for k, v in selector.items())]
        for p, port in enumerate(doc["spec"]["ports"]):
            target = port.get("targetPort", port["port"])
            for d in targets:
                ports = [q for c in d["spec"]["template"]["spec"]["containers"] for q in c["ports"]]
                if not any(q["containerPort"] == target if isinstance(target, int) else q.get("name") == target for q in ports):
                    report.add(where, f"spec.ports[{p}].targetPort",
                               f"{target!r} is not a port of Deployment {d['metadata']['name']!r}")
    if deployments and len(deployments) == len(pods) and "all" not in roles and not {"api", "worker", "watcher"} <= roles:
        report.add("all documents", "", f"roles {sorted(r for r in roles if r)} do not cover api, worker and watcher")


# ------------------------------------------------------------------------------------- running it

def load(path):
    with open(path) as f:
        return list(yaml.safe_load_all(f))


def run(path, docs, checker):
    report = Report(path)
    checker(docs, report)
    return report.problems


def find(docs, kind, name):
    return next(d for d in docs if d and d.get("kind") == kind and d["metadata"]["name"] == name)


def api_container(docs):
    return find(docs, "Deployment", "hawser-api")["spec"]["template"]["spec"]["containers"][0]


def self_test(compose_path, kube_path):
    """Each break must be rejected with a message containing its `expect` text."""
    compose, kube = load(compose_path), load(kube_path)

    def role(docs, service, value):
        command = docs[0]["services"][service]["command"]
        command[command.index("--role") + 1] = value

    def role_k8s(docs, value):
        args = api_container(docs)["args"]
        args[args.index("--role") + 1] = value

    breaks = [
        ("compose", "an unknown --role", lambda d: role(d, "worker", "wrker"), "--role 'wrker'"),
        ("compose", "depends_on a missing service",
         lambda d: d[0]["services"]["watcher"].update(depends_on={"postgress": {"condition": "service_healthy"}}), "postgress"),
        ("compose", "a service without image", lambda d: d[0]["services"]["worker"].pop("image"), "no image"),
        ("compose", "an undeclared named volume", lambda d: d[0]["services"]["api"].update(volumes=["blobs:/data"]), "'blobs'"),
        ("compose", "no admin password", lambda d: d[0]["services"]["api"].update(environment={"HAWSER_SECRET_KEY": "x"}),
         "HAWSER_ADMIN_PASSWORD"),
        ("compose", "a misspelt serve flag", lambda d: d[0]["services"]["api"]["command"].append("--worker"), "--worker"),
        ("compose", "no watcher role", lambda d: d[0]["services"].pop("watcher"), "do not cover"),
        ("kubernetes", "no readiness probe", lambda d: api_container(d).pop("readinessProbe"), "'readinessProbe' is a required"),
        ("kubernetes", "a probe on another path",
         lambda d: api_container(d)["livenessProbe"]["httpGet"].update(path="/healthz"), "'/health' was expected"),
        ("kubernetes", "a probe on an undeclared port",
         lambda d: api_container(d)["readinessProbe"]["httpGet"].update(port="metrics"), "'metrics' is not a declared"),
        ("kubernetes", "a Service selecting nothing",
         lambda d: find(d, "Service", "hawser-api")["spec"]["selector"].update({"app.kubernetes.io/component": "apis"}),
         "selects no Deployment"),
        ("kubernetes", "a selector not matching the template",
         lambda d: find(d, "Deployment", "hawser-worker")["spec"]["selector"]["matchLabels"].update(
             {"app.kubernetes.io/component": "workers"}), "does not match the template"),
        ("kubernetes", "a secretKeyRef to a missing key",
         lambda d: api_container(d)["env"][0]["valueFrom"]["secretKeyRef"].update(key="database-uri"), "no key 'database-uri'"),
        ("kubernetes", "an invalid --role", lambda d: role_k8s(d, "apis"), "--role 'apis'"),
        ("kubernetes", "running as root",
         lambda d: find(d, "Deployment", "hawser-api")["spec"]["template"]["spec"]["securityContext"].pop("runAsNonRoot"),
         "'runAsNonRoot' is a required"),
        ("kubernetes", "a missing PVC",
         lambda d: find(d, "Deployment", "hawser-watcher")["spec"]["template"]["spec"]["volumes"][0]
         ["persistentVolumeClaim"].update(claimName="hawser-dat"), "'hawser-dat'"),
        ("kubernetes", "a misspelt container field",
         lambda d: api_container(d).update(livenesProbe=api_container(d).pop("livenessProbe")), "livenesProbe"),
        ("kubernetes", "an unresolved $(VAR)",
         lambda d: api_container(d)["args"].__setitem__(-1, "$(HAWSER_DB_URL)"), "$(HAWSER_DB_URL)"),
        ("kubernetes", "an unknown kind", lambda d: d.append({"apiVersion": "v1", "kind": "ConfigMapp",
                                                              "metadata": {"name": "x"}}), "unexpected kind"),
    ]
    failures, rejected = 0, 0
    for label, path, docs, checker in (("compose", compose_path, compose, check_compose),
                                       ("kubernetes", kube_path, kube, check_kubernetes)):
        problems = run(path, docs, checker)
        if problems:
            print(f"FAIL  unbroken {label} file rejected:\n      " + "\n      ".join(problems))
            failures += 1
    for label, what, mutate, expect in breaks:
        path, docs, checker = ((compose_path, compose, check_compose) if label == "compose"
                               else (kube_path, kube, check_kubernetes))
        broken = copy.deepcopy(docs)
        mutate(broken)
        problems = run(path, broken, checker)
        hit = [p for p in problems if expect in p]
        if hit:
            rejected += 1
            print(f"ok    {label}: {what} -> {hit[0]}")
        else:
            failures += 1
            print(f"FAIL  {label}: {what} not rejected (wanted {expect!r}); got: {problems or 'no problems'}")
    print(f"deploy_check self-test: {rejected} of {len(breaks)} breaks rejected" + (f", {failures} failure(s)" if failures else ""))
    return failures == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compose", default=os.path.join(REPO, "deploy", "compose.yaml"))
    parser.add_argument("--kubernetes", default=os.path.join(REPO, "deploy", "kubernetes", "hawser.yaml"))
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    try:
        if args.self_test:
            sys.exit(0 if self_test(args.compose, args.kubernetes) else 1)
        problems = []
        for path, checker in ((args.compose, check_compose), (args.kubernetes, check_kubernetes)):
            docs = load(path)
            found = run(path, docs, checker)
            problems += found
            if not found:
                print(f"ok    {shown(path)}: {sum(d is not None for d in docs)} document(s)")
    except (OSError, yaml.YAMLError) as error:
        sys.exit(f"deploy_check: {error}")
    for problem in problems:
        print(f"FAIL  {problem}")
    if problems:
        sys.exit(1)
    print("deploy_check: all checks passed")


if __name__ == "__main__":
    main()
