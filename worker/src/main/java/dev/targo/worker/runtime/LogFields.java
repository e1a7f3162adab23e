package dev.targo.worker.runtime;

import dev.targo.api.temporal.NodeRun;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.pod.PodRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MDC fields targo adds to the worker's log lines, next to Temporal's own ({@code WorkflowId},
 * {@code RunId}, {@code ActivityType}, …): which Argo workflow, node, attempt and pod a line is
 * about. Read from the inputs of targo's workflows and activities.
 */
final class LogFields {
  private LogFields() {}

  /** The Argo workflow's name (a node's child workflow has its own Temporal workflow id). */
  static final String WORKFLOW = "ArgoWorkflow";

  /** The Argo node name: the attempt's Pod node ({@code wf(2)}) or the node a workflow runs. */
  static final String NODE = "ArgoNode";

  /** The attempt number, counted from 1 as the Web UI's activity summaries do. */
  static final String ATTEMPT = "ArgoAttempt";

  /** The attempt's pod. */
  static final String POD = "ArgoPod";

  /** Every key targo sets, in the order text lines show them. */
  static final List<String> KEYS = List.of(WORKFLOW, NODE, ATTEMPT, POD);

  /** The fields of a workflow or activity input; empty for anything else. */
  static Map<String, String> of(Object input) {
    Map<String, String> fields = new LinkedHashMap<>();
    switch (input) {
      case PodRequest r -> {
        fields.put(WORKFLOW, r.workflowName());
        fields.put(NODE, r.nodeName());
        fields.put(ATTEMPT, Integer.toString(r.attempt() + 1));
        fields.put(POD, r.podName());
      }
      case PodDeletion d -> {
        putIfPresent(fields, WORKFLOW, d.workflowName());
        if (d.podNames() != null && d.podNames().size() == 1) {
          fields.put(POD, d.podNames().getFirst());
        }
      }
      case WorkflowRun run -> {
        fields.put(WORKFLOW, run.name());
        fields.put(NODE, run.name());
      }
      case NodeRun run -> {
        fields.put(WORKFLOW, run.workflowName());
        fields.put(NODE, run.nodeName());
      }
      case null, default -> {}
    }
    return fields;
  }

  private static void putIfPresent(Map<String, String> fields, String key, String value) {
    if (value != null) {
      fields.put(key, value);
    }
  }
}
