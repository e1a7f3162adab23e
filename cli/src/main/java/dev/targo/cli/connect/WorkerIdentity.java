package dev.targo.cli.connect;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity a {@code targo worker} gives Temporal: Temporal's usual {@code pid@host} followed by
 * the executor it runs pods with, {@code 4242@worker-7 (targo kubernetes executor)}. Temporal
 * records it on every workflow task and activity the worker handles (the Web UI shows it), and
 * {@code targo logs} reads it back to know where the pods ran.
 */
public final class WorkerIdentity {
  private WorkerIdentity() {}

  private static final Pattern EXECUTOR = Pattern.compile("\\(targo ([a-z]+) executor\\)$");

  /** The identity of a worker of this process running pods with {@code executor}. */
  public static String of(String executor) {
    return ManagementFactory.getRuntimeMXBean().getName() + " (targo " + executor + " executor)";
  }

  /** The executor named by {@code identity}, when a targo worker wrote it. */
  public static Optional<String> executor(String identity) {
    Matcher m = EXECUTOR.matcher(identity == null ? "" : identity);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
