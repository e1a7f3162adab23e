"""Records the request bodies Hera 7 sends to Argo Server, for targo's contract tests."""
import sys, os
from hera.workflows import Container, RetryStrategy, Workflow
from hera.workflows.models import (Backoff, RetryAffinity, WorkflowCreateRequest, WorkflowLintRequest,
    WorkflowStopRequest, WorkflowTerminateRequest, WorkflowRetryRequest, WorkflowResubmitRequest)

out = sys.argv[1]
with Workflow(generate_name="retry-backoff-", entrypoint="retry-backoff", namespace="argo") as w:
    Container(
        name="retry-backoff",
        image="python:alpine3.6",
        command=["python", "-c"],
        args=["import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"],
        retry_strategy=RetryStrategy(
            limit=10,
            retry_policy="Always",
            backoff=Backoff(duration="1", factor="2", max_duration="1m"),
            affinity=RetryAffinity(node_anti_affinity={}),
        ),
    )
with Workflow(generate_name="bad-", entrypoint="main", namespace="argo") as bad:
    Container(name="main", image="alpine:3", command=["sh", "-c"], args=["exit 0"],
              retry_strategy=RetryStrategy(limit="ten"))
with Workflow(name="sleeper", entrypoint="main", namespace="argo") as sleeper:
    Container(name="main", image="alpine:3", command=["sh", "-c"], args=["echo started; sleep 60"])
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
    with open(os.path.join(out, name), "w") as f:
        f.write(req.json(**kw) + "\n")
