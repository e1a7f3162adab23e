package dev.targo.cli.render;

import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.WorkflowStatus;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The live view where no terminal can be redrawn (CI logs, pipes): one line each time a node's
 * phase, host or message changes, e.g. {@code retry-backoff-x2k7p(1) Failed node-2 main: Error
 * (exit code 1)}.
 */
public final class EventLog {
  private final PrintWriter out;
  private final Map<String, String> seen = new HashMap<>();
  private String lastWorkflowState;

  public EventLog(PrintWriter out) {
    this.out = out;
  }

  /** Prints what changed since the previous call. */
  public void update(WorkflowStatus status) {
    for (NodeStatus node : status.nodes().values()) {
      String state =
          node.phase()
              + "  "
              + Objects.toString(node.hostNodeName(), "")
              + "  "
              + Objects.toString(node.message(), "");
      if (!state.equals(seen.put(node.id(), state))) {
        out.println((node.displayName() + "  " + state).stripTrailing().replaceAll(" {3,}", "  "));
      }
    }
    String workflowState = status.phase() + " " + Objects.toString(status.message(), "");
    if (status.phase().fulfilled() && !workflowState.equals(lastWorkflowState)) {
      out.println("workflow " + workflowState.stripTrailing());
    }
    lastWorkflowState = workflowState;
    out.flush();
  }
}
