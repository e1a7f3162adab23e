package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.cli.TargoServer.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line says to bad input: one line, exit code 2, and nothing started. The bad
 * submissions name a port where no Temporal listens, so one that tried to connect would exit 3.
 */
class CommandLineMannersTest {

  @TempDir static Path dir;

  private static String nowhere;

  @BeforeAll
  static void freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      nowhere = "127.0.0.1:" + socket.getLocalPort();
    }
  }

  @Test
  void aUsageErrorIsOneLineThatSaysWhereTheHelpIs() {
    Result r = TargoServer.run("", "submit");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo("targo: Missing required parameter: 'FILE' (see 'targo submit --help')\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aParameterWithoutValueNamesTheOptionOnce() {
    Result r = TargoServer.run("", "submit", "-p", "message", "wf.yaml");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "targo: Value for option '--parameter' (NAME=VALUE) should be in KEY=VALUE format but"
                + " was message (see 'targo submit --help')\n");
  }

  @Test
  void aMisspeltCommandIsOneLineWithTheCommandItMeant() {
    Result r = TargoServer.run("", "lsit");
    Result option = TargoServer.run("", "get", "wf", "--adress", "x");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "targo: Unmatched argument at index 0: 'lsit'; did you mean list? (see 'targo"
                + " --help')\n");
    assertThat(option.err())
        .startsWith("targo: Unknown options: '--adress', 'x'; did you mean --address?");
  }

  @Test
  void aNameWithASlashOrCapitalsIsRefusedLikeMetadataNameAndNothingStarts() {
    Result r =
        TargoServer.run(
            Workflows.succeeding("ok"),
            "submit",
            "-",
            "--name",
            "UPPER/slash",
            "--address",
            nowhere);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "targo: --name: `UPPER/slash` is not a valid workflow name: a lowercase RFC 1123"
                + " subdomain must consist of lowercase alphanumeric characters, '-' or '.', and"
                + " must start and end with an alphanumeric character\n");
  }

  @Test
  void aNameOverSixtyThreeCharactersIsRefused() {
    Result r =
        TargoServer.run(
            Workflows.succeeding("ok"),
            "submit",
            "-",
            "--name",
            "a".repeat(64),
            "--address",
            nowhere);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("must not be more than 63 characters long (currently 64)");
  }

  @Test
  void aGenerateNameIsCheckedAsKubernetesChecksItAndNothingStarts() {
    Result slash =
        TargoServer.run(
            Workflows.succeeding("ok"),
            "submit",
            "-",
            "--generate-name",
            "a/b-",
            "--address",
            nowhere);
    Result underscore =
        TargoServer.run(
            Workflows.succeeding("ok"),
            "submit",
            "-",
            "--generate-name",
            "a_b-",
            "--address",
            nowhere);

    assertThat(slash.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(slash.err())
        .startsWith("targo: --generate-name: `a/b-` is not a valid generateName");
    assertThat(underscore.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void lintReportsAMissingFileAsAProblemAndLintsTheNextFile() throws IOException {
    Path missing = dir.resolve("a-missing.yaml");
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad, Workflows.succeeding("bad").replace("entrypoint: main", "entrypoint: mian"));

    Result r = TargoServer.run("", "lint", missing.toString(), bad.toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.out())
        .isEqualTo(
            missing
                + ": no such file\n"
                + bad
                + ":6:15: UNKNOWN_TEMPLATE `spec.entrypoint` names template `mian`, which does not"
                + " exist; did you mean `main`?\n");
    assertThat(r.err()).isEqualTo("2 problems found\n");
  }

  @Test
  void aRetryWithoutLimitOrBackoffIsAWarningAndLintStillSucceeds() throws IOException {
    Path file = dir.resolve("forever.yaml");
    Files.writeString(
        file,
        Workflows.shell("forever", 1, "exit 1")
            .replace("      limit: 1\n", "      retryPolicy: Always\n"));

    Result r = TargoServer.run("", "lint", file.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .isEqualTo(
            file
                + ":9:5: warning: UNBOUNDED_RETRY `retryStrategy` retries without `limit` and"
                + " without `backoff`: a failing pod is restarted at once, for ever; set a"
                + " `limit`, a `backoff`, or both\n");
    assertThat(r.err()).isEqualTo("no problems found, 1 warning\n");
  }

  @Test
  void anUndeclaredParameterThatNothingReadsIsRefusedBeforeConnecting() {
    Result r =
        TargoServer.run(
            Workflows.succeeding("ok"), "submit", "-", "-p", "mesage=hi", "--address", nowhere);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "<stdin>:5:1: UNKNOWN_PARAMETER `-p mesage=…` names no parameter of"
                + " `spec.arguments.parameters`, and nothing reads"
                + " `{{workflow.parameters.mesage}}`; this workflow declares no parameters\n"
                + "targo: 1 problem(s) found, nothing was started\n");
  }

  @Test
  void aWorkflowTooLargeForTemporalIsRefusedBeforeConnecting() {
    String big = Workflows.shell("big", 0, ": " + "x".repeat(2_200_000));

    Result r = TargoServer.run(big, "submit", "-", "--address", nowhere);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .matches(
            "targo: the workflow is too large for Temporal: its translated plan is 2\\.\\d\\d MiB"
                + " as a Temporal payload, and a Temporal server accepts at most 2\\.00 MiB per"
                + " payload; nothing was started \\(move large scripts or data out of the"
                + " workflow\\)\n");
  }

  @Test
  void twoPayloadsUnderTheirLimitButTogetherOverTheRequestLimitAreRefused() {
    // Just under 2 MiB of plan and of YAML: each fits a payload, not both one request.
    String big = Workflows.shell("big", 0, ": " + "x".repeat(2_095_000));

    Result r = TargoServer.run(big, "submit", "-", "--address", nowhere);

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .startsWith("targo: workflow big is too large for Temporal: its plan (2.00 MiB)")
        .contains("a Temporal server accepts at most 4.00 MiB per request; nothing was started");
  }
}
