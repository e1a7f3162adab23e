package dev.targo.argo.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.PodNames;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.WholeSeconds;
import java.util.List;

/**
 * {@code {{workflow.failures}}} for an exit handler: a JSON list of every Failed or Error node with
 * its display name, message, template, phase, pod name and finish time, as Argo's {@code
 * failedNodeStatus}; {@code null} when nothing failed. Pure.
 */
public final class Failures {
  private Failures() {}

  public static String json(String workflowName, List<NodeStatus> nodes) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ArrayNode list = f.arrayNode();
    for (NodeStatus n : nodes) {
      if (n.phase() == null || !n.phase().failedOrError()) {
        continue;
      }
      ObjectNode o = f.objectNode();
      o.put("displayName", n.displayName());
      o.put("message", n.message() == null ? "" : n.message());
      o.put("templateName", n.templateName() == null ? "" : n.templateName());
      o.put("phase", n.phase().name());
      o.put("podName", PodNames.podName(workflowName, n.name(), n.templateName()));
      if (n.finishedAt() == null) {
        o.putNull("finishedAt");
      } else {
        o.put("finishedAt", WholeSeconds.of(n.finishedAt()).toString());
      }
      list.add(o);
    }
    // Go marshals a nil slice as null; key order is the struct's field order.
    return list.isEmpty() ? "null" : list.toString();
  }
}
