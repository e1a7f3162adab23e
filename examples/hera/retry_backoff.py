"""The seed example, retry-backoff, written with Hera (Argo's Python SDK).

    python examples/hera/retry_backoff.py > retry-backoff.yaml   # Hera's to_yaml()
    python examples/hera/retry_backoff.py --json > retry-backoff.json   # Hera's to_dict()
    python examples/hera/retry_backoff.py --create   # Hera's create(wait=True), against targo server

Both outputs run unchanged with `./targo run`. With --create, Hera submits the workflow to the Argo
Server at ARGO_SERVER (default http://localhost:2746: `./targo server`) with the bearer token
ARGO_TOKEN, in namespace ARGO_NAMESPACE (default argo), waits for its end and prints its phase and
attempts as Hera reads them back.
"""

import json
import os
import sys

from hera.shared import global_config
from hera.workflows import Container, RetryStrategy, Workflow
from hera.workflows.models import Backoff, RetryAffinity

if "--create" in sys.argv[1:]:
    # What a Hera user sets for any Argo Server; for targo only the address differs.
    global_config.host = os.environ.get("ARGO_SERVER", "http://localhost:2746")
    global_config.token = os.environ.get("ARGO_TOKEN")
    global_config.namespace = os.environ.get("ARGO_NAMESPACE", "argo")

with Workflow(generate_name="retry-backoff-", entrypoint="retry-backoff") as w:
    Container(
        name="retry-backoff",
        image="python:alpine3.6",
        command=["python", "-c"],
        # fail with a 66% probability
        args=["import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"],
        retry_strategy=RetryStrategy(
            limit=10,
            retry_policy="Always",
            backoff=Backoff(duration="1", factor="2", max_duration="1m"),
            affinity=RetryAffinity(node_anti_affinity={}),
        ),
    )

if __name__ == "__main__":
    if "--create" in sys.argv[1:]:
        done = w.create(wait=True, poll_interval=1)
        # Attempts are the retry node's children, named like Argo's: retry-backoff-xxxxx(0), (1), …
        pods = sorted(
            (n for n in done.status.nodes.values() if n.type == "Pod"),
            key=lambda n: int(n.display_name.rsplit("(", 1)[1].rstrip(")")),
        )
        print(json.dumps({
            "name": done.metadata.name,
            "phase": done.status.phase,
            "attempts": [
                {"node": n.display_name, "phase": n.phase, "host": n.host_node_name, "message": n.message}
                for n in pods
            ],
        }, indent=2))
    elif "--json" in sys.argv[1:]:
        print(json.dumps(w.to_dict(), indent=2))
    else:
        print(w.to_yaml())
