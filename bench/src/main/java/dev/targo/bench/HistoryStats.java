package dev.targo.bench;

import dev.targo.api.Names;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * What the histories of a set of workflows hold: events, bytes, the largest single run, workflow
 * tasks that failed (a deadlock detected on a cold worker shows up here), pod attempts; and where
 * the time between two attempts went, read off the event times. Pure over the events.
 */
public record HistoryStats(
    long events, long bytes, long largestRun, long failedWorkflowTasks, long attempts) {

  public static HistoryStats of(List<List<HistoryEvent>> runs) {
    long events = 0;
    long bytes = 0;
    long largest = 0;
    long failedTasks = 0;
    long attempts = 0;
    for (List<HistoryEvent> run : runs) {
      events += run.size();
      largest = Math.max(largest, run.size());
      for (HistoryEvent e : run) {
        bytes += e.getSerializedSize();
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED) {
          failedTasks++;
        }
        if (isAttemptScheduled(e)) {
          attempts++;
        }
      }
    }
    return new HistoryStats(events, bytes, largest, failedTasks, attempts);
  }

  public HistoryStats plus(HistoryStats o) {
    return new HistoryStats(
        events + o.events,
        bytes + o.bytes,
        Math.max(largestRun, o.largestRun),
        failedWorkflowTasks + o.failedWorkflowTasks,
        attempts + o.attempts);
  }

  public static final HistoryStats NONE = new HistoryStats(0, 0, 0, 0, 0);

  static boolean isAttemptScheduled(HistoryEvent e) {
    return e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
        && e.getActivityTaskScheduledEventAttributes()
            .getActivityType()
            .getName()
            .equals(Names.ACTIVITY_RUN_POD);
  }

  /**
   * The parts of each reaction of a retried pod node at the root of its workflow (zero backoff):
   * the failed attempt reported and recorded (executor's end → {@code ActivityTaskFailed}), the
   * workflow task dispatched to the worker ({@code → WorkflowTaskStarted}), the worker running it
   * ({@code → WorkflowTaskCompleted}: SDK and targo's workflow code, and the round trip), and the
   * next attempt's activity dispatched to the executor ({@code → executor's start}). In
   * milliseconds, one list per part, in that order.
   */
  public static List<List<Double>> breakdown(
      List<HistoryEvent> run, NavigableMap<Integer, Timeline.Span> spans) {
    List<List<Double>> parts =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    Map<Long, Boolean> attemptActivities = new java.util.HashMap<>();
    int attempt = -1;
    Long failedAt = null;
    Long taskStarted = null;
    for (HistoryEvent e : run) {
      switch (e.getEventType()) {
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          if (isAttemptScheduled(e)) {
            attemptActivities.put(e.getEventId(), true);
          }
        }
        case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
          long scheduled = e.getActivityTaskFailedEventAttributes().getScheduledEventId();
          if (attemptActivities.containsKey(scheduled)) {
            attempt++;
            failedAt = micros(e);
            taskStarted = null;
          }
        }
        case EVENT_TYPE_WORKFLOW_TASK_STARTED -> {
          if (failedAt != null && taskStarted == null) {
            taskStarted = micros(e);
          }
        }
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> {
          if (failedAt != null && taskStarted != null) {
            Timeline.Span before = spans.get(attempt);
            Timeline.Span next = spans.get(attempt + 1);
            if (before != null && next != null && before.endMicros() > 0) {
              long completed = micros(e);
              parts.get(0).add((failedAt - before.endMicros()) / 1000.0);
              parts.get(1).add((taskStarted - failedAt) / 1000.0);
              parts.get(2).add((completed - taskStarted) / 1000.0);
              parts.get(3).add((next.startMicros() - completed) / 1000.0);
            }
            failedAt = null;
          }
        }
        default -> {}
      }
    }
    return parts;
  }

  private static long micros(HistoryEvent e) {
    return e.getEventTime().getSeconds() * 1_000_000L + e.getEventTime().getNanos() / 1_000;
  }
}
