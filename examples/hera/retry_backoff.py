"""The seed example, retry-backoff, written with Hera (Argo's Python SDK).

    python examples/hera/retry_backoff.py > retry-backoff.yaml   # Hera's to_yaml()
    python examples/hera/retry_backoff.py --json > retry-backoff.json   # Hera's to_dict()

Both outputs run unchanged with `./targo run`.
"""

import json
import sys

from hera.workflows import Container, RetryStrategy, Workflow
from hera.workflows.models import Backoff, RetryAffinity

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
    if "--json" in sys.argv[1:]:
        print(json.dumps(w.to_dict(), indent=2))
    else:
        print(w.to_yaml())
