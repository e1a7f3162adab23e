package dev.targo.cli.connect;

import dev.targo.api.Names;
import picocli.CommandLine.Option;

/**
 * The connection flags every client command shares. Flags win over Temporal's own environment
 * configuration ({@code temporal.toml} profiles, {@code TEMPORAL_ADDRESS}, {@code
 * TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY}, {@code TEMPORAL_TLS_*}), which wins over the
 * defaults ({@code localhost:7233}, namespace {@code default}).
 */
public final class ConnectionOptions {

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      description =
          "Temporal frontend address (default: profile, TEMPORAL_ADDRESS, localhost:7233).")
  String address;

  @Option(
      names = "--namespace",
      paramLabel = "NAME",
      description = "Temporal namespace (default: profile, TEMPORAL_NAMESPACE, default).")
  String namespace;

  @Option(
      names = "--task-queue",
      paramLabel = "NAME",
      description = "Task queue of the targo workers (default: TARGO_TASK_QUEUE, targo).")
  String taskQueue;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Profile of temporal.toml to use (default: TEMPORAL_PROFILE, default).")
  String profile;

  public ConnectionOptions() {}

  /** Options given in code (tests, {@code targo run}). */
  public static ConnectionOptions of(String address, String namespace, String taskQueue) {
    ConnectionOptions o = new ConnectionOptions();
    o.address = address;
    o.namespace = namespace;
    o.taskQueue = taskQueue;
    return o;
  }

  /** The task queue: the flag, else {@code TARGO_TASK_QUEUE}, else {@link Names#TASK_QUEUE}. */
  public String taskQueue() {
    if (taskQueue != null) {
      return taskQueue;
    }
    String env = System.getenv("TARGO_TASK_QUEUE");
    return env == null || env.isBlank() ? Names.TASK_QUEUE : env;
  }

  String address() {
    return address;
  }

  String namespace() {
    return namespace;
  }

  String profile() {
    return profile;
  }
}
