package dev.targo.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@code targo} command in a process of its own ({@code targo worker}, {@code targo node-agent}),
 * run from the shaded jar the package phase built (the artifact users run), with its output in a
 * log file. Stopped with SIGTERM, as a user or Kubernetes stops it.
 */
final class TargoProcess implements AutoCloseable {
  private static final Path JAR = Path.of("target", "targo.jar").toAbsolutePath();

  final Process process;
  final Path log;

  private TargoProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static TargoProcess start(Path log, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(java("-Xmx512m"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    Process p = builder.start();
    p.getOutputStream().close();
    return new TargoProcess(p, log);
  }

  /** This JVM's java running the built jar, with {@code heap}. */
  private static List<String> java(String heap) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, heap));
    if (Runtime.version().feature() >= 22) {
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-jar", JAR.toString()));
    return command;
  }

  /**
   * A folder holding a {@code targo} command that runs the built jar, for a {@code PATH}: what the
   * image targo's Dockerfile builds has, for the node agent's init and wait containers.
   */
  static Path binFolder(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    StringBuilder script = new StringBuilder("#!/bin/sh\nexec");
    for (String word : java("-Xmx256m")) {
      script.append(" '").append(word.replace("'", "'\\''")).append('\'');
    }
    script.append(" \"$@\"\n");
    Path targo = bin.resolve("targo");
    Files.writeString(targo, script);
    targo.toFile().setExecutable(true);
    return bin;
  }

  /** Waits until the log holds a line {@code ready} accepts; fails if the process ends first. */
  TargoProcess awaitLog(Predicate<String> ready, Duration timeout)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (Files.exists(log) && Files.readAllLines(log).stream().anyMatch(ready)) {
        return this;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "exited " + process.exitValue() + " before it was ready:\n" + Files.readString(log));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "not ready within " + timeout + ":\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
  }

  String output() throws IOException {
    return Files.readString(log);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
