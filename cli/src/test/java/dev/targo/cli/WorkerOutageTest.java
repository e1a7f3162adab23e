package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.cli.client.EmbeddedTemporal;
import dev.targo.worker.runtime.ShutdownSignal;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code targo worker} when its Temporal server goes away: one line, no gRPC stack traces. */
class WorkerOutageTest {

  @TempDir Path stateDir;

  @Test
  void aServerThatGoesAwayIsReportedInOneLineWithoutStackTraces() throws Exception {
    EmbeddedTemporal temporal = EmbeddedTemporal.start();
    StringWriter err = new StringWriter();
    Console console =
        new Console(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            new ByteArrayInputStream(new byte[0]),
            false);
    ShutdownSignal stop = ShutdownSignal.manual();
    CommandLine cli = new CommandLine(new WorkerCommand(console, stop));
    FutureTask<Integer> worker =
        new FutureTask<>(
            () ->
                cli.execute(
                    "--executor", "local",
                    "--address", temporal.address(),
                    "--metrics-port", "-1",
                    "--state-dir", stateDir.toString(),
                    "--shutdown-grace", "1"));
    Thread.ofPlatform().daemon().start(worker);
    for (int i = 0; i < 200 && !err.toString().contains("polling task queue"); i++) {
      Thread.sleep(50);
    }

    temporal.close();
    // Pollers retry with a backoff that grows to about 10 s; within 5 s each has failed a few
    // times.
    Thread.sleep(5000);
    stop.request();
    int code = worker.get(60, TimeUnit.SECONDS);

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(err.toString().lines().filter(l -> l.contains("cannot reach Temporal")).toList())
        .singleElement()
        .asString()
        .endsWith(
            " WARN TemporalConnection: cannot reach Temporal at "
                + temporal.address()
                + ": UNAVAILABLE (io exception); retrying");
  }
}
