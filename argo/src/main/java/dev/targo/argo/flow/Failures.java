package dev.targo.argo.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.GoFormat;
import dev.targo.argo.PodNames;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.WholeSeconds;
import java.util.List;

/**
 * {@code {{workflow.failures}}} for an exit handler, as Argo's {@code operator.go} sets it: every
 * Failed or Error node as a {@code failedNodeStatus} (display name, message, template, phase, pod
 * name, finish time in whole seconds), marshalled by Go's {@code encoding/json} ({@code null} when
 * nothing failed), then {@code strconv.Quote}d "so that the escaped quotes are not removed during
 * parameter substitution": the value is a quoted JSON string, {@code "[{\"displayName\":…}]"}, and
 * {@code "null"} with its quotes when nothing failed. Pure.
 */
public final class Failures {
  private Failures() {}

  /** The value Argo substitutes for {@code {{workflow.failures}}}. */
  public static String quoted(String workflowName, List<NodeStatus> nodes) {
    return GoFormat.quote(goJson(workflowName, nodes));
  }

  /**
   * The JSON list as targo 0.1.0 substituted it, unquoted and with Jackson's escaping: for runs
   * recorded before the change to {@link #quoted}.
   */
  public static String json(String workflowName, List<NodeStatus> nodes) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ArrayNode list = f.arrayNode();
    for (NodeStatus n : failed(nodes)) {
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
    return list.isEmpty() ? "null" : list.toString();
  }

  /** Go's {@code json.Marshal} of the list: a nil slice is {@code null}; fields in struct order. */
  static String goJson(String workflowName, List<NodeStatus> nodes) {
    List<NodeStatus> failed = failed(nodes);
    if (failed.isEmpty()) {
      return "null";
    }
    StringBuilder out = new StringBuilder("[");
    for (NodeStatus n : failed) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append("{\"displayName\":");
      GoJson.string(out, n.displayName());
      out.append(",\"message\":");
      GoJson.string(out, n.message() == null ? "" : n.message());
      out.append(",\"templateName\":");
      GoJson.string(out, n.templateName() == null ? "" : n.templateName());
      out.append(",\"phase\":");
      GoJson.string(out, n.phase().name());
      out.append(",\"podName\":");
      GoJson.string(out, PodNames.podName(workflowName, n.name(), n.templateName()));
      out.append(",\"finishedAt\":");
      // metav1.Time marshals its zero value as null, any other in RFC 3339 with whole seconds.
      if (n.finishedAt() == null) {
        out.append("null");
      } else {
        GoJson.string(out, WholeSeconds.of(n.finishedAt()).toString());
      }
      out.append('}');
    }
    return out.append(']').toString();
  }

  private static List<NodeStatus> failed(List<NodeStatus> nodes) {
    return nodes.stream().filter(n -> n.phase() != null && n.phase().failedOrError()).toList();
  }
}
