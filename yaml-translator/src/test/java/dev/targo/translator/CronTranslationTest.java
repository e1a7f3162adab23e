package dev.targo.translator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.CronExpressions;
import dev.targo.argo.plan.CronSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CronWorkflow documents checked as Argo's {@code validate.CronWorkflow} checks them ({@code
 * workflow/validate/validate.go}), schedules as {@code robfig/cron/v3}'s {@code ParseStandard}
 * parses them, and the workflow a run starts as Argo's {@code ConvertCronWorkflowToWorkflow} makes
 * it.
 */
class CronTranslationTest {

  private static final String CRON =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: CronWorkflow
      metadata:
        name: hello
      spec:
        schedules:
          - "*/5 * * * 1-5"
          - "@hourly"
        timezone: "America/Los_Angeles"
        concurrencyPolicy: Replace
        startingDeadlineSeconds: 30
        successfulJobsHistoryLimit: 4
        suspend: true
        workflowSpec:
          entrypoint: main
          templates:
          - name: main
            container:
              image: busybox
              command: [echo, "{{workflow.scheduledTime}} {{workflow.labels.workflows.argoproj.io/cron-workflow}}"]
      """;

  private static CronTranslation translate(String text) {
    List<Document> documents = Documents.split("cron.yaml", text).documents();
    return Translator.cron(documents.getFirst(), TemplateLookup.NONE, Map.of());
  }

  private static List<String> problems(String text) {
    return translate(text).workflow().all().stream().map(Problem::toString).toList();
  }

  @Test
  void aCronWorkflowGivesItsScheduleAndTheWorkflowEachRunStarts() {
    CronTranslation t = translate(CRON);

    assertThat(t.workflow().all()).isEmpty();
    assertThat(t.cron())
        .isEqualTo(
            new CronSpec(
                "hello",
                null,
                List.of("*/5 * * * 1-5", "@hourly"),
                "America/Los_Angeles",
                "Replace",
                30L,
                4,
                1,
                true,
                null,
                null));
    var plan = ((Translation.Ok) t.workflow()).plan();
    assertThat(plan.name()).isEqualTo("hello");
    assertThat(plan.labels()).containsEntry("workflows.argoproj.io/cron-workflow", "hello");
    assertThat(plan.annotations()).containsKey("workflows.argoproj.io/scheduled-time");
  }

  @Test
  void eachCronFieldIsCheckedAtItsPositionWithArgosWords() {
    String bad =
        CRON.replace("name: hello", "name: " + "x".repeat(53))
            .replace("\"*/5 * * * 1-5\"", "\"*/5 * * *\"")
            .replace("America/Los_Angeles", "Mars/Olympus")
            .replace("Replace", "Replce")
            .replace("startingDeadlineSeconds: 30", "startingDeadlineSeconds: -1");

    assertThat(problems(bad))
        .containsExactly(
            "cron.yaml:4:9: INVALID_VALUE cron workflow name \""
                + "x".repeat(53)
                + "\" must not be more than 52 characters long (currently 53)",
            "cron.yaml:7:7: INVALID_VALUE cron schedule */5 * * * is malformed: expected exactly 5"
                + " fields, found 4: [*/5 * * *]",
            "cron.yaml:9:13: INVALID_VALUE invalid timezone \"Mars/Olympus\": unknown time zone"
                + " Mars/Olympus",
            "cron.yaml:10:22: INVALID_VALUE 'Replce' is not a valid concurrencyPolicy (Allow,"
                + " Forbid or Replace); did you mean `Replace`?",
            "cron.yaml:11:3: INVALID_VALUE startingDeadlineSeconds must be positive");
  }

  @Test
  void aStopStrategyKeepsItsExpression() {
    String stopping =
        CRON.replace(
            "  suspend: true\n",
            "  suspend: true\n  stopStrategy:\n    expression: \"cronworkflow.failed >= 3\"\n");

    CronTranslation t = translate(stopping);

    assertThat(t.workflow().all()).isEmpty();
    assertThat(t.cron().stopStrategy()).isEqualTo("cronworkflow.failed >= 3");
  }

  @Test
  void aStopStrategyExpressionIsCheckedAtItsPosition() {
    String stopping =
        CRON.replace(
            "  suspend: true\n",
            "  suspend: true\n  stopStrategy:\n    expression: \"cronworkflow.sucess >= 1\"\n");
    String broken = stopping.replace("cronworkflow.sucess >= 1", "cronworkflow.failed >=");
    String empty = CRON.replace("  suspend: true\n", "  suspend: true\n  stopStrategy: {}\n");

    assertThat(problems(stopping))
        .containsExactly(
            "cron.yaml:15:17: INVALID_VALUE `stopStrategy.expression` is not a valid expression:"
                + " unknown variable cronworkflow.sucess (a stop strategy reads cronworkflow.name,"
                + " cronworkflow.namespace, cronworkflow.succeeded, cronworkflow.failed) (1:1)");
    assertThat(problems(broken))
        .singleElement()
        .asString()
        .startsWith("cron.yaml:15:17: INVALID_VALUE `stopStrategy.expression` is not a valid");
    assertThat(problems(empty))
        .containsExactly("cron.yaml:14:3: MISSING_FIELD `stopStrategy.expression` is required");
  }

  @Test
  void aWhenKeepsItsConditionAndOneReadingATimeIsRefusedAtItsPosition() {
    String when =
        CRON.replace(
            "  suspend: true\n", "  suspend: true\n  when: \"{{cronworkflow.failed}} < 3\"\n");
    String timed =
        when.replace("{{cronworkflow.failed}} < 3", "{{cronworkflow.lastScheduledTime}} == nil");

    assertThat(translate(when).cron().when()).isEqualTo("{{cronworkflow.failed}} < 3");
    assertThat(problems(timed))
        .singleElement()
        .asString()
        .startsWith(
            "cron.yaml:14:9: INVALID_VALUE `when`: `{{cronworkflow.lastScheduledTime}}` is not"
                + " available");
  }

  @Test
  void aProblemInTheWorkflowSpecIsReportedInTheCronWorkflowsFile() {
    String bad = CRON.replace("entrypoint: main", "entrypoint: mian");

    assertThat(problems(bad)).singleElement().asString().startsWith("cron.yaml:15:17: ");
  }

  @Test
  void aCronWorkflowNeedsASchedule() {
    String none = CRON.replace("  schedules:\n    - \"*/5 * * * 1-5\"\n    - \"@hourly\"\n", "");
    assertThat(none).isNotEqualTo(CRON);

    assertThat(problems(none))
        .containsExactly(
            "cron.yaml:5:1: MISSING_FIELD cron workflow must have at least one schedule");
  }

  @Test
  void submittingACronWorkflowAsAWorkflowSaysHowToCreateIt() {
    Translation t = Translator.translate("cron.yaml", CRON);

    assertThat(t.all())
        .extracting(Problem::toString)
        .containsExactly(
            "cron.yaml:2:7: INVALID_VALUE a `CronWorkflow` does not run by itself: create its"
                + " schedule with `targo cron create`");
  }

  @Test
  void schedulesParseAsRobfigsParseStandard() {
    for (String ok :
        List.of(
            "* * * * *",
            "0 2 * * *",
            "*/3 * * * 1-5",
            "0 0 1,15 * ?",
            "30 4 * JAN-MAR mon",
            "5-10/2 * * * *",
            "CRON_TZ=Asia/Tokyo 0 9 * * *",
            "@daily",
            "@every 1h30m")) {
      assertThat(CronExpressions.problem(ok)).as(ok).isNull();
    }
    assertThat(CronExpressions.problem("60 * * * *"))
        .isEqualTo("end of range (60) above maximum (59): 60");
    assertThat(CronExpressions.problem("* * 0 * *"))
        .isEqualTo("beginning of range (0) below minimum (1): 0");
    assertThat(CronExpressions.problem("* * * * 7"))
        .isEqualTo("end of range (7) above maximum (6): 7");
    assertThat(CronExpressions.problem("*/0 * * * *"))
        .isEqualTo("step of range should be a positive number: */0");
    assertThat(CronExpressions.problem("@fortnightly"))
        .isEqualTo("unrecognized descriptor: @fortnightly");
    assertThat(CronExpressions.problem("? * * * *")).isEqualTo("failed to parse int from ?");
  }
}
