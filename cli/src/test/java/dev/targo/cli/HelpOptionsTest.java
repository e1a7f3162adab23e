package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command answers {@code --help} with its own usage on standard output and exit code 0. */
class HelpOptionsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lint",
        "run",
        "submit",
        "get",
        "watch",
        "list",
        "logs",
        "stop",
        "terminate",
        "worker",
        "server"
      })
  void everyCommandPrintsItsUsageForHelp(String command) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Console console =
        new Console(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new ByteArrayInputStream(new byte[0]),
            false);

    int code = Main.execute(console, command, "--help");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("Usage: targo " + command + " ");
    assertThat(err.toString()).isEmpty();
  }
}
