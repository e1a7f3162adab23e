package dev.targo.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * When each attempt started and ended as the code that runs it saw it (the executor's {@code run},
 * the native baseline's activity), in microseconds since the epoch, by key (a workflow) and attempt
 * number. The reaction latency of a retry engine is the next attempt's start minus the previous
 * attempt's end: everything the engine did in between.
 */
public final class Timeline {

  /** Start and end of one attempt, in epoch microseconds; end 0 while it runs. */
  public record Span(long startMicros, long endMicros) {}

  private final Map<String, NavigableMap<Integer, Span>> spans = new ConcurrentHashMap<>();

  public static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  public void started(String key, int attempt, long micros) {
    spans
        .computeIfAbsent(key, k -> new ConcurrentSkipListMap<>())
        .put(attempt, new Span(micros, 0));
  }

  public void ended(String key, int attempt, long micros) {
    spans.get(key).computeIfPresent(attempt, (a, s) -> new Span(s.startMicros(), micros));
  }

  /** The attempts of {@code key} by number, or an empty map. */
  public NavigableMap<Integer, Span> of(String key) {
    return spans.getOrDefault(key, new ConcurrentSkipListMap<>());
  }

  /** Every key with an attempt recorded. */
  public List<String> keys() {
    return List.copyOf(spans.keySet());
  }

  /** Attempts recorded in all. */
  public int attempts() {
    return spans.values().stream().mapToInt(Map::size).sum();
  }

  /** Every next-start-minus-previous-end gap of the given keys, in milliseconds. */
  public List<Double> reactionsMillis(Iterable<String> keys) {
    List<Double> gaps = new ArrayList<>();
    for (String key : keys) {
      Span previous = null;
      for (Span span : of(key).values()) {
        if (previous != null && previous.endMicros() > 0) {
          gaps.add((span.startMicros() - previous.endMicros()) / 1000.0);
        }
        previous = span;
      }
    }
    return gaps;
  }

  /** The first start and the last end of the given keys, in epoch microseconds. */
  public long[] window(Iterable<String> keys) {
    long first = Long.MAX_VALUE;
    long last = 0;
    for (String key : keys) {
      for (Span s : of(key).values()) {
        first = Math.min(first, s.startMicros());
        last = Math.max(last, s.endMicros());
      }
    }
    return new long[] {first, last};
  }
}
