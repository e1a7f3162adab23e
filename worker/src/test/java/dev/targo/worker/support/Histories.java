package dev.targo.worker.support;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.util.List;

/** Reads what tests assert from a workflow's history events. */
public final class Histories {
  private Histories() {}

  public static List<HistoryEvent> ofType(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.getEventType() == type).toList();
  }

  /** The scheduling events of the attempts' activities (pod deletions left out), in order. */
  public static List<HistoryEvent> attempts(List<HistoryEvent> events) {
    return ofType(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).stream()
        .filter(
            e ->
                e.getActivityTaskScheduledEventAttributes()
                    .getActivityType()
                    .getName()
                    .equals(Names.ACTIVITY_RUN_POD))
        .toList();
  }

  /**
   * The events that end the attempts' activities, in order: completed for a pod that Succeeded,
   * failed for one that Failed or Errored.
   */
  public static List<HistoryEvent> attemptEnds(List<HistoryEvent> events) {
    List<Long> attempts = attempts(events).stream().map(HistoryEvent::getEventId).toList();
    return events.stream()
        .filter(
            e ->
                (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
                        && attempts.contains(
                            e.getActivityTaskCompletedEventAttributes().getScheduledEventId()))
                    || (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED
                        && attempts.contains(
                            e.getActivityTaskFailedEventAttributes().getScheduledEventId())))
        .toList();
  }

  /**
   * Every backoff timer's {@code startToFireTimeout}, in order (other timers, such as the one that
   * closes the {@code maxDuration} window, are left out).
   */
  public static List<Duration> timerDurations(List<HistoryEvent> events) {
    return ofType(events, EventType.EVENT_TYPE_TIMER_STARTED).stream()
        .filter(e -> summary(e).startsWith("backoff "))
        .map(e -> e.getTimerStartedEventAttributes().getStartToFireTimeout())
        .map(d -> Duration.ofSeconds(d.getSeconds(), d.getNanos()))
        .toList();
  }

  private static String summary(HistoryEvent e) {
    return PayloadJson.dataConverter()
        .fromPayload(e.getUserMetadata().getSummary(), String.class, String.class);
  }

  /** The summaries of every event of {@code type}, in order. */
  public static List<String> summaries(List<HistoryEvent> events, EventType type) {
    return ofType(events, type).stream()
        .map(
            e ->
                PayloadJson.dataConverter()
                    .fromPayload(e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }
}
