package dev.targo.cli.render;

import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import java.util.HashMap;
import java.util.Map;

/**
 * Argo's {@code boundaryID} of each node — the steps or DAG node whose template the node belongs to
 * — derived from Argo's node names, which nest by template: {@code wf.task}, {@code wf[0].step},
 * {@code wf(1)[0].step}. The boundary of a node is the longest steps or DAG node name that prefixes
 * its name followed by {@code .} or {@code [}. The exit handler ({@code wf.onExit}) has none: Argo
 * prints it as a tree of its own.
 */
final class Boundaries {
  private Boundaries() {}

  static Map<String, String> of(String workflowName, Map<String, NodeStatus> nodes) {
    Map<String, String> boundaryNames = new HashMap<>();
    for (NodeStatus n : nodes.values()) {
      if (n.type() == NodeType.Steps || n.type() == NodeType.DAG) {
        boundaryNames.put(n.name(), n.id());
      }
    }
    Map<String, String> out = new HashMap<>();
    String onExit = workflowName + ".onExit";
    for (NodeStatus n : nodes.values()) {
      String name = n.name();
      if (name.equals(onExit)) {
        continue;
      }
      String best = null;
      for (Map.Entry<String, String> b : boundaryNames.entrySet()) {
        String prefix = b.getKey();
        if (name.length() > prefix.length()
            && name.startsWith(prefix)
            && (name.charAt(prefix.length()) == '.' || name.charAt(prefix.length()) == '[')
            && (best == null || prefix.length() > best.length())) {
          best = prefix;
        }
      }
      if (best != null) {
        out.put(n.id(), boundaryNames.get(best));
      }
    }
    return out;
  }
}
