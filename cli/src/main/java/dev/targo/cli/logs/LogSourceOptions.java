package dev.targo.cli.logs;

import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where {@code targo logs} and {@code targo submit --log} read pod logs from. */
public final class LogSourceOptions {

  @Option(
      names = "--source",
      paramLabel = "SOURCE",
      defaultValue = "auto",
      description =
          "auto (by the executor the workflow's worker runs), local (the local executor's state"
              + " directory), kubernetes (the pod log API) or tail (only the log tail the worker"
              + " kept in the status); default ${DEFAULT-VALUE}.")
  PodLogSources.Choice source;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "State directory of the local executor (default: TARGO_STATE_DIR, else"
              + " $XDG_STATE_HOME/targo/pods).")
  Path stateDir;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "kubeconfig for the pod log API (default: KUBECONFIG, ~/.kube/config, else"
              + " in-cluster).")
  Path kubeconfig;

  @Option(
      names = {"--kube-context", "--context"},
      paramLabel = "NAME",
      description = "kubeconfig context (default: the current one).")
  String context;

  /** The sources for workflows of {@code client}. */
  public PodLogSources sources(WorkflowClient client) {
    return new PodLogSources(
        source,
        name -> ExecutorProbe.executor(client, name),
        new PodLogs(stateDir != null ? stateDir : PodLogs.defaultStateDir()),
        kubeconfig,
        context);
  }
}
