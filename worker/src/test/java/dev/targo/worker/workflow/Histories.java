package dev.targo.worker.workflow;

import dev.targo.api.PayloadJson;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.util.List;

/** Reads what tests assert from a workflow's history events. */
final class Histories {
  private Histories() {}

  static List<HistoryEvent> ofType(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.getEventType() == type).toList();
  }

  /** Every timer's {@code startToFireTimeout}, in order. */
  static List<Duration> timerDurations(List<HistoryEvent> events) {
    return ofType(events, EventType.EVENT_TYPE_TIMER_STARTED).stream()
        .map(e -> e.getTimerStartedEventAttributes().getStartToFireTimeout())
        .map(d -> Duration.ofSeconds(d.getSeconds(), d.getNanos()))
        .toList();
  }

  /** The summaries of every event of {@code type}, in order. */
  static List<String> summaries(List<HistoryEvent> events, EventType type) {
    return ofType(events, type).stream()
        .map(
            e ->
                PayloadJson.dataConverter()
                    .fromPayload(e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }
}
