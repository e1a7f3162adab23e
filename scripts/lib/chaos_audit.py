"""The security checks of the chaos run (issue 17, scenario 5), on the topology scripts/prod-up started.

plant(work, api_key) gives the topology secrets it really holds: PostgreSQL's password (the Temporal
server logs in with it), an artifact repository whose access and secret keys the workers read from
a secrets folder at start, and with api_key (scripts/prod-up --tls) the API key that the workers
and every client (targo, the temporal CLI) present to the Temporal frontend over TLS. After the run, audit(...) looks for every secret, as written and inside
any base64 text, in each workflow run's whole history and its description (memo, search
attributes), in every log of the topology (workers, Temporal server, Web UI server, PostgreSQL),
and in the metrics pages of the workers and the server; and it checks that every port the
topology listens on is bound to 127.0.0.1, where it was configured to bind, not to every address.
"""

import base64
import binascii
import concurrent.futures
import json
import os
import re
import subprocess
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BASE64 = re.compile(r"^[A-Za-z0-9+/=_-]{16,}$")


def plant(work, api_key=False):
    """Secrets for the topology to hold, as environment variables prod-up and the workers inherit
    (the API key only for a TLS topology: the Temporal SDKs send one over TLS only).

    Returns ({name: value}, {env var: value})."""
    secrets = {
        "postgres-password": "pg-" + os.urandom(12).hex(),
        "artifact-access-key": "ak-" + os.urandom(12).hex(),
        "artifact-secret-key": "sk-" + os.urandom(12).hex(),
    }
    folder = os.path.join(work, "secrets", "chaos-artifacts")
    os.makedirs(folder, exist_ok=True)
    for key in ("artifact-access-key", "artifact-secret-key"):
        with open(os.path.join(folder, key), "w") as f:
            f.write(secrets[key])
    repository = os.path.join(work, "artifact-repository.yaml")
    with open(repository, "w") as f:
        f.write("s3:\n  endpoint: 127.0.0.1:9\n  bucket: chaos\n  insecure: true\n"
                "  accessKeySecret: {name: chaos-artifacts, key: artifact-access-key}\n"
                "  secretKeySecret: {name: chaos-artifacts, key: artifact-secret-key}\n")
    env = {
        "POSTGRES_PASSWORD": secrets["postgres-password"],
        "TARGO_ARTIFACT_REPOSITORY": repository,
        "TARGO_SECRETS_DIR": os.path.join(work, "secrets"),
    }
    if api_key:
        secrets["temporal-api-key"] = "tk-" + os.urandom(16).hex()
        env["TEMPORAL_API_KEY"] = secrets["temporal-api-key"]
    return secrets, env


def kube_tokens(kube_dir):
    """The bearer tokens of the real control plane (the worker's service account's among them)."""
    found = {}
    folder = os.path.join(kube_dir, "tokens")
    if os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name)) as f:
                token = f.read().strip()
            if token:
                found[f"kube-token-{name}"] = token
    return found


def _texts(value):
    """Every string in a JSON value, with the base64-decoded text of those that decode."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)
    elif isinstance(value, str):
        yield value
        if BASE64.match(value):
            for decode in (base64.b64decode, base64.urlsafe_b64decode):
                try:
                    yield decode(value + "=" * (-len(value) % 4)).decode("utf-8", "replace")
                except (binascii.Error, ValueError):
                    pass


def _leaks(where, text, secrets):
    return [f"{name} appears in {where}" for name, value in secrets.items() if value in text]


def _temporal(cli, env, *args):
    # env: prod-up's settings, with TLS its CA (TEMPORAL_TLS_SERVER_CA_CERT_PATH) and the API key,
    # which the CLI reads from there, as the workers do (a key never goes on a command line).
    out = subprocess.run([cli, *args, "--address", env["TEMPORAL_ADDRESS"], "--namespace",
                          env["TEMPORAL_NAMESPACE"], "-o", "json"],
                         env=env, capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"temporal {' '.join(args)}: {out.stderr.strip()[-300:]}")
    return out.stdout


def _listening(port):
    """The local addresses that listen on TCP port `port` (IPv4 and IPv6), from /proc/net."""
    addresses = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        if not os.path.exists(table):
            continue
        with open(table) as f:
            next(f)
            for line in f:
                fields = line.split()
                local, state = fields[1], fields[3]
                address, _, hex_port = local.partition(":")
                if state == "0A" and int(hex_port, 16) == port and len(address) == width:
                    if width == 8:
                        addresses.append(".".join(str(b) for b in reversed(bytes.fromhex(address))))
                    else:
                        addresses.append("127.0.0.1" if address.endswith("0100007F") else
                                         "::1" if address == "0" * 31 + "1" else
                                         "::" if address == "0" * 32 else address)
    return addresses


def audit(prod_dir, env, secrets, log):
    """The failures of the security checks (empty when the topology kept every secret and bind)."""
    failures = []
    cli = subprocess.run([os.path.join(ROOT, "scripts/install-temporal-cli")],
                         capture_output=True, text=True, check=True).stdout.strip()
    runs = json.loads(_temporal(cli, env, "workflow", "list", "--limit", "100000") or "[]")
    if isinstance(runs, dict):
        runs = runs.get("executions", [])
    keys = [((r.get("execution") or {}).get("workflowId"), (r.get("execution") or {}).get("runId"))
            for r in runs]

    def search(key):
        wid, rid = key
        found = []
        for what, args in (("history", ("workflow", "show")), ("description", ("workflow", "describe"))):
            value = json.loads(_temporal(cli, env, *args, "-w", wid, "-r", rid))
            found += _leaks(f"the {what} of {wid} run {rid}", "\n".join(_texts(value)), secrets)
        return found

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        for found in pool.map(search, keys):
            failures += found
    logs = sorted(f for f in os.listdir(prod_dir) if f.endswith(".log"))
    for name in logs:
        with open(os.path.join(prod_dir, name), errors="replace") as f:
            failures += _leaks(f"{name}", f.read(), secrets)
    ports_dir = os.path.join(prod_dir, "ports")
    ports = {name: int(open(os.path.join(ports_dir, name)).read()) for name in sorted(os.listdir(ports_dir))}
    pages = 0
    for name, port in ports.items():
        if not name.endswith("metrics"):
            continue
        path = "/metrics"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as page:
                failures += _leaks(f"the metrics of {name}", page.read().decode("utf-8", "replace"), secrets)
                pages += 1
        except OSError as e:
            failures.append(f"the metrics of {name} (port {port}) could not be read: {e}")
    # A control: the server's configuration does hold the password, and the search must see it.
    config = os.path.join(prod_dir, "temporal", "prod.yaml")
    if "postgres-password" in secrets and not _leaks("", open(config).read(), secrets):
        failures.append(f"the audit's control failed: no secret found in {config}, which holds one")
    settings = os.path.join(prod_dir, "env")
    if "temporal-api-key" in secrets and secrets["temporal-api-key"] not in open(settings).read():
        failures.append(f"the audit's control failed: the API key is not in {settings}, which holds it")
    bound = 0
    for name, port in ports.items():
        addresses = _listening(port)
        bound += len(addresses)
        wide = [a for a in addresses if a not in ("127.0.0.1", "::1")]
        if wide:
            failures.append(f"{name} (port {port}) listens on {', '.join(wide)}, configured for 127.0.0.1")
    log(f"audit: {len(secrets)} secrets looked for in {len(keys)} workflow runs (history and description), "
        f"{len(logs)} logs and {pages} metrics pages: {len(failures)} problems; "
        f"{bound} listening sockets on {len(ports)} ports, all on loopback unless said above")
    return failures
