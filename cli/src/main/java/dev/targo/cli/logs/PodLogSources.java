package dev.targo.cli.logs;

import dev.targo.cli.ExitCodes;
import dev.targo.cli.UserError;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where pod logs are read from: chosen by the user, or ({@code auto}) by the executor the
 * workflow's worker runs ({@link ExecutorProbe}), asked once the workflow has a pod. The Kubernetes
 * client is created only when it is needed.
 */
public final class PodLogSources implements AutoCloseable {

  /** What the user asked for ({@code --source}). */
  public enum Choice {
    auto,
    local,
    kubernetes,
    tail
  }

  /** Where logs are read from once chosen. */
  public enum Mode {
    /** The local executor's state directory. */
    LOCAL,
    /** The Kubernetes pod log API. */
    KUBERNETES,
    /** Only the log tail the worker kept in each pod node's {@code outputs.result}. */
    TAIL
  }

  private final Choice choice;
  private final Function<String, Optional<String>> probe;
  private final PodLogs local;
  private final Path kubeconfig;
  private final String context;
  private Mode mode;
  private KubernetesPodLogs kubernetes;

  /**
   * @param probe the executor that ran a workflow's pods, by workflow name ({@link ExecutorProbe})
   * @param kubeconfig the kubeconfig file, or null for the usual lookup
   * @param context the kubeconfig context, or null for the current one
   */
  public PodLogSources(
      Choice choice,
      Function<String, Optional<String>> probe,
      PodLogs local,
      Path kubeconfig,
      String context) {
    if (kubeconfig != null && !KubernetesPodLogs.readable(kubeconfig)) {
      throw new UserError(ExitCodes.BAD_INPUT, "cannot read kubeconfig " + kubeconfig);
    }
    this.choice = choice;
    this.probe = probe;
    this.local = local;
    this.kubeconfig = kubeconfig;
    this.context = context;
  }

  /** The mode for the pods of {@code workflow}; decided at the first call. */
  public synchronized Mode mode(String workflow) {
    if (mode == null) {
      mode =
          switch (choice) {
            case local -> Mode.LOCAL;
            case kubernetes -> Mode.KUBERNETES;
            case tail -> Mode.TAIL;
            // A worker that does not say which executor it runs is taken for a local one: its
            // state directory is looked at first, and the kept tails serve where it has nothing.
            case auto ->
                "kubernetes".equals(probe.apply(workflow).orElse(""))
                    ? Mode.KUBERNETES
                    : Mode.LOCAL;
          };
    }
    return mode;
  }

  /** From now on only the kept tails are printed (the cluster cannot be reached). */
  public synchronized void fallBackToTails() {
    mode = Mode.TAIL;
  }

  public PodLogs local() {
    return local;
  }

  /** The pod log API of the configured cluster, connected at the first call. */
  public synchronized KubernetesPodLogs kubernetes() {
    if (kubernetes == null) {
      try {
        kubernetes = KubernetesPodLogs.connect(kubeconfig, context);
      } catch (RuntimeException e) {
        throw new UserError(
            ExitCodes.BAD_INPUT, "cannot configure the Kubernetes client: " + e.getMessage());
      }
    }
    return kubernetes;
  }

  @Override
  public synchronized void close() {
    if (kubernetes != null) {
      kubernetes.close();
    }
  }
}
