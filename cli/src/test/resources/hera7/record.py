"""Records the request bodies Hera 7 sends to Argo Server, for ArgoServerIT.

    python cli/src/test/resources/hera7/record.py cli/src/test/resources/hera7

The seed example comes from examples/hera/retry_backoff.py, in namespace argo as a Hera user's
global_config would set it.
"""

import os
import sys

from hera.shared import global_config

global_config.namespace = "argo"
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "..", "examples", "hera"))

from hera.workflows import Container, RetryStrategy, Workflow  # noqa: E402
from hera.workflows.models import (  # noqa: E402
    WorkflowCreateRequest,
    WorkflowLintRequest,
    WorkflowResubmitRequest,
    WorkflowRetryRequest,
    WorkflowStopRequest,
    WorkflowTerminateRequest,
)
from retry_backoff import w  # noqa: E402

with Workflow(generate_name="bad-", entrypoint="main") as bad:
    Container(name="main", image="alpine:3", command=["sh", "-c"], args=["exit 0"],
              retry_strategy=RetryStrategy(limit="ten"))
with Workflow(name="sleeper", entrypoint="main") as sleeper:
    Container(name="main", image="alpine:3", command=["sh", "-c"], args=["echo started; sleep 60"])

# As WorkflowsService serializes every request body.
kw = dict(exclude_none=True, by_alias=True, exclude_unset=True, exclude_defaults=True)
bodies = {
    "create-retry-backoff.json": WorkflowCreateRequest(workflow=w.build()),
    "create-invalid.json": WorkflowCreateRequest(workflow=bad.build()),
    "create-sleeper.json": WorkflowCreateRequest(workflow=sleeper.build()),
    "lint-retry-backoff.json": WorkflowLintRequest(workflow=w.build()),
    "stop.json": WorkflowStopRequest(),
    "terminate.json": WorkflowTerminateRequest(),
    "retry.json": WorkflowRetryRequest(),
    "resubmit.json": WorkflowResubmitRequest(),
}
for name, req in bodies.items():
    with open(os.path.join(sys.argv[1], name), "w") as f:
        f.write(req.model_dump_json(**kw) + "\n")
