package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code targo worker} options checked before anything is started. */
class WorkerOptionsTest {
  private final StringWriter err = new StringWriter();

  /** {@code targo worker ARGS}, its standard error in {@link #err}. */
  private int worker(String... args) {
    Console console =
        new Console(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            new ByteArrayInputStream(new byte[0]),
            false);
    String[] all = new String[args.length + 1];
    all[0] = "worker";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.execute(console, all);
  }

  @Test
  void aSweepIntervalThatIsNoDurationIsBadInput() {
    int code = worker("--sweep-interval", "soon");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo(
            "targo: --sweep-interval: unable to parse soon as a duration: time: invalid duration"
                + " \"soon\"\n");
  }

  @Test
  void aPodRetentionThatIsNoDurationIsBadInput() {
    int code = worker("--executor", "local", "--pod-retention", "forever");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString())
        .isEqualTo(
            "targo: --pod-retention: unable to parse forever as a duration: time: invalid"
                + " duration \"forever\"\n");
  }

  @Test
  void aClusterNameThatIsNoDnsLabelIsBadInput() {
    int code = worker("--executor", "local", "--cluster", "GPU_East");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString())
        .startsWith("targo: --cluster: targo.dev/cluster: cluster 'GPU_East' must be a DNS label");
  }
}
