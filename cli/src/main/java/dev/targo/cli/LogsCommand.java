package dev.targo.cli;

import dev.targo.api.status.NodeStatus;
import dev.targo.api.status.NodeType;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import dev.targo.cli.run.PodLogs;
import dev.targo.cli.run.RunRecord;
import dev.targo.cli.run.WorkflowReader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code targo logs NAME [POD]}: the logs of a workflow's pods, each line prefixed by its pod name
 * as {@code argo logs} does. The pods are those of the workflow's status; their logs are read where
 * the executor keeps them: the {@code local} executor writes each pod's log into its state
 * directory when the pod ends (shared by a worker and a client on the same machine).
 */
@Command(name = "logs", description = "Print the logs of a workflow's pods.")
final class LogsCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME", description = "Workflow name.")
  String name;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "POD",
      description = "Only this pod (pod name or node name, e.g. wf(1)).")
  String pod;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing logs as pods end, until the workflow ends.")
  boolean follow;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "State directory of the local executor (default: TARGO_STATE_DIR, else"
              + " $XDG_STATE_HOME/targo/pods).")
  Path stateDir;

  @Mixin ConnectionOptions connection;

  private final Console console;

  LogsCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws InterruptedException {
    PodLogs logs = new PodLogs(stateDir != null ? stateDir : PodLogs.defaultStateDir());
    Set<String> printed = new LinkedHashSet<>();
    try (TemporalConnection temporal = TemporalConnection.open(connection)) {
      WorkflowReader reader = new WorkflowReader(temporal.client());
      while (true) {
        RunRecord record = reader.read(name);
        List<NodeStatus> pods = pods(record);
        if (pod != null && pods.isEmpty() && !record.running()) {
          throw new UserError(ExitCodes.BAD_INPUT, "workflow " + name + " has no pod " + pod);
        }
        for (NodeStatus node : pods) {
          if (printed.contains(node.podName()) || !node.phase().fulfilled()) {
            continue;
          }
          Optional<String> text = logs.read(node.podName());
          if (text.isPresent()) {
            print(node.podName(), text.get());
            printed.add(node.podName());
          } else if (!follow) {
            console.err().println("targo: no log kept for pod " + node.podName());
            printed.add(node.podName());
          }
        }
        if (!follow || !record.running()) {
          console.out().flush();
          return ExitCodes.OK;
        }
        Thread.sleep(Follow.INTERVAL.toMillis());
      }
    }
  }

  private List<NodeStatus> pods(RunRecord record) {
    return record.status().nodes().values().stream()
        .filter(n -> n.type() == NodeType.Pod && n.podName() != null)
        .filter(
            n ->
                pod == null
                    || pod.equals(n.podName())
                    || pod.equals(n.displayName())
                    || pod.equals(n.name()))
        .toList();
  }

  private void print(String podName, String text) {
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        console.out().println(podName + ": " + line);
      }
    }
    console.out().flush();
  }
}
