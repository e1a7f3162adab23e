package dev.targo.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerLogLayoutTest {

  private static LoggingEvent event(Map<String, String> mdc) {
    LoggerContext context = new LoggerContext();
    LoggingEvent e =
        new LoggingEvent(
            WorkerLogLayoutTest.class.getName(),
            context.getLogger("dev.targo.worker.executor.local.LocalExecutor"),
            Level.INFO,
            "pod {} started",
            null,
            new Object[] {"wf-main-1"});
    e.setInstant(Instant.parse("2026-05-04T10:11:12.345Z"));
    e.setMDCPropertyMap(mdc);
    return e;
  }

  private static Map<String, String> attemptFields() {
    Map<String, String> mdc = new LinkedHashMap<>();
    mdc.put("RunId", "r-1");
    mdc.put("ArgoPod", "wf-main-1");
    mdc.put("ArgoAttempt", "3");
    mdc.put("ArgoNode", "wf(2)");
    mdc.put("ArgoWorkflow", "wf");
    mdc.put("WorkflowId", "wf");
    return mdc;
  }

  @Test
  void textShowsTimeLevelLoggerMessageAndTheWorkflowFieldsInBraces() {
    String line = new WorkerLogLayout(WorkerLogLayout.Format.text).doLayout(event(attemptFields()));

    assertThat(line)
        .isEqualTo(
            "2026-05-04T10:11:12.345Z INFO LocalExecutor: pod wf-main-1 started {WorkflowId=wf,"
                + " ArgoWorkflow=wf, ArgoNode=wf(2), ArgoAttempt=3, ArgoPod=wf-main-1}\n");
  }

  @Test
  void textWithoutWorkflowFieldsHasNoBraces() {
    String line = new WorkerLogLayout(WorkerLogLayout.Format.text).doLayout(event(Map.of()));

    assertThat(line)
        .isEqualTo("2026-05-04T10:11:12.345Z INFO LocalExecutor: pod wf-main-1 started\n");
  }

  @Test
  void jsonIsOneObjectPerLineWithEveryMdcFieldAsAKey() {
    String line = new WorkerLogLayout(WorkerLogLayout.Format.json).doLayout(event(attemptFields()));

    assertThat(line)
        .isEqualTo(
            "{\"time\":\"2026-05-04T10:11:12.345Z\",\"level\":\"INFO\","
                + "\"logger\":\"dev.targo.worker.executor.local.LocalExecutor\","
                + "\"message\":\"pod wf-main-1 started\",\"ArgoAttempt\":\"3\","
                + "\"ArgoNode\":\"wf(2)\",\"ArgoPod\":\"wf-main-1\",\"ArgoWorkflow\":\"wf\","
                + "\"RunId\":\"r-1\",\"WorkflowId\":\"wf\"}\n");
  }

  @Test
  void jsonKeepsAStackTraceInsideTheLine() {
    LoggingEvent e = event(Map.of());
    e.setThrowableProxy(
        new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("boom")));

    String line = new WorkerLogLayout(WorkerLogLayout.Format.json).doLayout(e);

    assertThat(line.strip()).doesNotContain("\n");
    assertThat(line).contains("\"exception\":\"java.lang.IllegalStateException: boom\\n\\tat ");
  }
}
