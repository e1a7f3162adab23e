package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code targo server}'s mistakes are one line and exit code 2, before anything listens. */
class ServerCommandTest {
  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int server(String... args) {
    Console console =
        new Console(
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            new ByteArrayInputStream(new byte[0]),
            false);
    String[] all = new String[args.length + 1];
    all[0] = "server";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.execute(console, all);
  }

  @Test
  void aTokenFileThatCannotBeReadIsOneLine() {
    assertThat(server("--token-file", dir.resolve("missing").toString())).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("targo: cannot read --token-file " + dir.resolve("missing") + "\n");
  }

  @Test
  void aTokenWithWhiteSpaceIsRefused() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "Bearer abc\n");
    assertThat(server("--token-file", token.toString())).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("targo: the token is empty or holds white space: use one word\n");
  }

  @Test
  void noAuthenticationTakesNoTokenFile() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "abc\n");
    assertThat(server("--auth", "none", "--token-file", token.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("targo: --auth none takes no --token-file\n");
  }

  @Test
  void aPortOutOfRangeIsRefused() {
    assertThat(server("--auth", "none", "--port", "70000")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("targo: --port: 70000 is not a port (0 to 65535)\n");
  }

  @Test
  void anUnknownAuthModeIsAUsageError() {
    assertThat(server("--auth", "basic")).isEqualTo(2);
    assertThat(err.toString()).contains("--auth").doesNotContain("Exception");
  }
}
