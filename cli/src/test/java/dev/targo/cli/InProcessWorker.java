package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.worker.runtime.ShutdownSignal;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * {@code targo worker --executor local} run in the test's JVM against a real Temporal server, on a
 * platform thread of its own (the common fork-join pool must stay free: the JDK completes {@code
 * Process.onExit()} on it), stopped as SIGTERM stops it.
 */
final class InProcessWorker implements AutoCloseable {
  private final ShutdownSignal stop = ShutdownSignal.manual();
  private final StringWriter log = new StringWriter();
  private final FutureTask<Integer> worker;

  private InProcessWorker(List<String> args) {
    Console console =
        new Console(
            new PrintWriter(new StringWriter()),
            new PrintWriter(log, true),
            new ByteArrayInputStream(new byte[0]),
            false);
    CommandLine cli = new CommandLine(new WorkerCommand(console, stop));
    worker = new FutureTask<>(() -> cli.execute(args.toArray(String[]::new)));
  }

  /**
   * Starts a worker polling {@code address} with its pods' files in {@code stateDir} and the
   * options {@code more} ({@code --cluster gpu-east}), and waits until it polls and targo's search
   * attributes are registered.
   */
  static InProcessWorker start(String address, Path stateDir, String... more)
      throws InterruptedException {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--executor",
            "local",
            "--address",
            address,
            "--metrics-port",
            "-1",
            "--state-dir",
            stateDir.toString()));
    args.addAll(List.of(more));
    InProcessWorker w = new InProcessWorker(args);
    Thread.ofPlatform().name("targo-worker-it").daemon().start(w.worker);
    for (int i = 0; i < 300 && !w.log().contains("polling task queue"); i++) {
      Thread.sleep(100);
    }
    // A first worker registers them; a later one finds them registered.
    assertThat(w.log()).containsAnyOf("registered search attributes", "are registered");
    return w;
  }

  /** What the worker wrote to its standard error so far. */
  String log() {
    return log.toString();
  }

  @Override
  public void close() throws Exception {
    stop.request();
    worker.get(30, TimeUnit.SECONDS);
  }
}
