package dev.targo.cli;

import dev.targo.api.status.NodeStatus;
import dev.targo.api.status.NodeType;
import dev.targo.cli.run.PodLogs;
import dev.targo.cli.run.RunRecord;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Prints the logs of a workflow's pods, each line prefixed by its pod name as {@code argo logs}
 * does, for {@code targo logs} and {@code targo submit --log}. It is handed every state of the
 * workflow that is read and prints each pod once, when its log is there.
 */
final class PodLogPrinter {
  private final Console console;
  private final PodLogs logs;
  private final String only;
  private final boolean follow;
  private final Set<String> printed = new LinkedHashSet<>();

  /**
   * @param only a pod name or node name to print alone, or null for every pod
   * @param follow true while the workflow is followed: a pod whose log is not there yet is tried
   *     again with the next state instead of being reported as having none
   */
  PodLogPrinter(Console console, PodLogs logs, String only, boolean follow) {
    this.console = console;
    this.logs = logs;
    this.only = only;
    this.follow = follow;
  }

  /** Prints the logs of the pods of {@code record} that have ended and were not printed yet. */
  void update(RunRecord record) {
    List<NodeStatus> pods = pods(record);
    if (only != null && pods.isEmpty() && !record.running()) {
      throw new UserError(ExitCodes.BAD_INPUT, "workflow " + record.name() + " has no pod " + only);
    }
    for (NodeStatus node : pods) {
      if (printed.contains(node.podName()) || !node.phase().fulfilled()) {
        continue;
      }
      Optional<String> text = logs.read(node.podName());
      if (text.isPresent()) {
        print(node.podName(), text.get());
        printed.add(node.podName());
      } else if (!follow || !record.running()) {
        console.err().println("targo: no log kept for pod " + node.podName());
        printed.add(node.podName());
      }
    }
    console.out().flush();
  }

  private List<NodeStatus> pods(RunRecord record) {
    return record.status().nodes().values().stream()
        .filter(n -> n.type() == NodeType.Pod && n.podName() != null)
        .filter(
            n ->
                only == null
                    || only.equals(n.podName())
                    || only.equals(n.displayName())
                    || only.equals(n.name()))
        .toList();
  }

  private void print(String podName, String text) {
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        console.out().println(podName + ": " + line);
      }
    }
  }
}
