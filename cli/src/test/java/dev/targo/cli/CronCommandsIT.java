package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.cli.TargoServer.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code targo cron} against a real {@code temporal server start-dev} (the embedded test server has
 * no Schedules) and a worker on the local executor: a CronWorkflow becomes a Temporal Schedule
 * whose runs are Argo's {@code <name>-<unix seconds>} workflows, with {@code
 * workflow.scheduledTime}, Argo's history limit, suspend and delete.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CronCommandsIT {

  @TempDir static Path dir;

  private TemporalDevServer server;
  private InProcessWorker worker;

  private static final String CRON =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: CronWorkflow
      metadata:
        name: NAME
      spec:
        schedules:
          - "@every 2s"
        concurrencyPolicy: Forbid
        successfulJobsHistoryLimit: 1
        workflowSpec:
          entrypoint: main
          templates:
          - name: main
            container:
              image: alpine:3.20
              command: [sh, -c, "echo scheduled {{workflow.scheduledTime}}"]
      """;

  @BeforeAll
  void start() throws Exception {
    TemporalDevServer.assumeAvailable("CronCommandsIT");
    server = TemporalDevServer.start(dir);
    worker = InProcessWorker.start(server.address, dir.resolve("pods"));
  }

  @AfterAll
  void stop() throws Exception {
    if (worker != null) {
      worker.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Result targo(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--address", server.address));
    return TargoServer.run(stdin, all.toArray(String[]::new));
  }

  @Test
  void aCronWorkflowRunsOnItsScheduleAndKeepsItsNewestRun() throws Exception {
    Result created = targo(CRON.replace("NAME", "ticker"), "cron", "create", "-");
    assertThat(created.exitCode()).as(created.err()).isEqualTo(ExitCodes.OK);
    assertThat(created.out())
        .contains("Name:                          ticker\n")
        .contains("Schedules:                     @every 2s\n")
        .contains("ConcurrencyPolicy:             Forbid\n");

    // Three runs have started (the schedule's last time moved on twice) before it is suspended.
    java.time.Instant first = null;
    java.time.Instant last = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = Pattern.compile("LastScheduledTime: +(\\S+)").matcher(get("ticker"));
      if (m.find()) {
        last = java.time.Instant.parse(m.group(1));
        first = first == null ? last : first;
        if (!last.isBefore(first.plusSeconds(4))) {
          break;
        }
      }
      Thread.sleep(500);
    }
    assertThat(last).as("three runs started").isAfterOrEqualTo(first.plusSeconds(4));
    Result suspended = targo("", "cron", "suspend", "ticker");
    assertThat(suspended.out()).isEqualTo("CronWorkflow 'ticker' suspended\n");
    assertThat(targo("", "cron", "list").out())
        .containsPattern("ticker +\\S+ +\\S+ +N/A +@every 2s +true");

    String listed = targo("", "list").out();
    Matcher run = Pattern.compile("(ticker-(\\d+)) +Succeeded").matcher(listed);
    assertThat(run.find()).as(listed).isTrue();
    Result logs = targo("", "logs", run.group(1));
    assertThat(logs.out())
        .contains(
            "scheduled "
                + java.time.Instant.ofEpochSecond(Long.parseLong(run.group(2))).toString());

    // Older successful runs are deleted (Temporal deletes in the background): the newest stays.
    long pruned = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (runs("ticker") > 1 && System.nanoTime() < pruned) {
      Thread.sleep(500);
    }
    assertThat(runs("ticker")).isEqualTo(1);

    Result deleted = targo("", "cron", "delete", "ticker");
    assertThat(deleted.out()).isEqualTo("CronWorkflow 'ticker' deleted\n");
    Result gone = targo("", "cron", "get", "ticker");
    assertThat(gone.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(gone.err()).isEqualTo("targo: CronWorkflow \"ticker\" not found\n");
  }

  @Test
  void replaceStopsTheOpenRunWithArgosTerminateBeforeTheNextStarts() throws Exception {
    String cron =
        CRON.replace("NAME", "replacer")
            .replace("concurrencyPolicy: Forbid", "concurrencyPolicy: Replace")
            .replace("echo scheduled {{workflow.scheduledTime}}", "sleep 60");
    assertThat(targo(cron, "cron", "create", "-").exitCode()).isEqualTo(ExitCodes.OK);

    Pattern stopped = Pattern.compile("replacer-\\d+ +Failed");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String listed = "";
    while (System.nanoTime() < deadline) {
      listed = targo("", "list").out();
      if (stopped.matcher(listed).find()) {
        break;
      }
      Thread.sleep(500);
    }
    targo("", "cron", "delete", "replacer");

    Matcher m = Pattern.compile("(replacer-\\d+) +Failed").matcher(listed);
    assertThat(m.find()).as(listed).isTrue();
    assertThat(targo("", "get", m.group(1)).out())
        .contains("Message:             Stopped with strategy 'Terminate'");
    for (String line : listed.lines().filter(l -> l.startsWith("replacer-")).toList()) {
      targo("", "terminate", line.substring(0, line.indexOf(' ')));
    }
  }

  @Test
  void aStopStrategyPausesTheScheduleOnceItsCountersReachIt() throws Exception {
    Result created =
        create("stopper", "  stopStrategy:\n    expression: cronworkflow.succeeded >= 2\n");
    assertThat(created.out())
        .contains("StopStrategy:                  cronworkflow.succeeded >= 2\n")
        .contains("Succeeded:                     0\n")
        .contains("Failed:                        0\n");

    String shown = awaitGet("stopper", "Phase:");
    // Forbid keeps one run open at a time, so the second success stops it; a third run may have
    // started just before the pause, as Argo's "Scheduling vs. Completions" warns.
    assertThat(shown)
        .contains("Suspended:                     true\n")
        .containsPattern("Succeeded: +2\n")
        .contains("Failed:                        0\n")
        .contains(
            "Phase:                         Stopped (stopStrategy: cronworkflow.succeeded >= 2"
                + " (succeeded 2, failed 0))\n")
        .doesNotContain("NextScheduledTime:");
    Thread.sleep(3_000);
    long started = runs("stopper");
    Thread.sleep(5_000);
    assertThat(runs("stopper")).as("no run starts once stopped").isEqualTo(started);
    assertThat(get("stopper")).containsPattern("Succeeded: +[23]\n");
    targo("", "cron", "delete", "stopper");
  }

  @Test
  void aWhenThatTurnsFalseSkipsTheLaterTimesWithoutPausingTheSchedule() throws Exception {
    create("once", "  when: \"{{cronworkflow.succeeded}} < 1\"\n");

    String shown = awaitGet("once", "Succeeded:                     1");
    assertThat(shown).contains("Succeeded:                     1\n");
    // A time started before the count reached the schedule may still run; none after it does.
    Thread.sleep(3_000);
    long ran = runs("once");
    Thread.sleep(6_000);
    assertThat(runs("once")).as("the later times are skipped").isEqualTo(ran);
    assertThat(get("once"))
        .contains("Suspended:                     false\n")
        .contains("NextScheduledTime:");
    targo("", "cron", "delete", "once");
  }

  @Test
  void anInvalidCronWorkflowCreatesNothing() {
    Result r =
        targo(
            CRON.replace("NAME", "broken").replace("@every 2s", "61 * * * *"),
            "cron",
            "create",
            "-");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .contains(
            "<stdin>:7:7: INVALID_VALUE cron schedule 61 * * * * is malformed: end of range (61) above"
                + " maximum (59): 61")
        .endsWith("targo: 1 problem(s) found, no CronWorkflow was created\n");
    assertThat(targo("", "cron", "get", "broken").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  /** Creates cron workflow {@code name} with {@code fields} in its spec, keeping five runs. */
  private Result create(String name, String fields) {
    String cron =
        CRON.replace("NAME", name)
            .replace("successfulJobsHistoryLimit: 1", "successfulJobsHistoryLimit: 5")
            .replace("  workflowSpec:", fields + "  workflowSpec:");
    Result created = targo(cron, "cron", "create", "-");
    assertThat(created.exitCode()).as(created.err()).isEqualTo(ExitCodes.OK);
    return created;
  }

  /** {@code cron get name} once it shows {@code text}, or as it is after 90 s. */
  private String awaitGet(String name, String text) throws InterruptedException {
    String shown = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline && !shown.contains(text)) {
      Thread.sleep(500);
      shown = get(name);
    }
    return shown;
  }

  private String get(String name) {
    return targo("", "cron", "get", name).out();
  }

  /** Runs of {@code name} that `targo list` shows. */
  private long runs(String name) {
    return targo("", "list").out().lines().filter(l -> l.startsWith(name + "-")).count();
  }
}
