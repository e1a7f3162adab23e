package dev.targo.bench.scenario;

import dev.targo.bench.Scenario;
import java.util.List;

/** Every scenario of issue 13's table, in its order. */
public final class Scenarios {
  private Scenarios() {}

  public static List<Scenario> all() {
    return List.of(
        new RetryReaction(),
        new NativeBaseline(),
        new BackoffPrecision(),
        new Throughput(),
        new Capacity(),
        new HistorySize(),
        new TranslatorTime(),
        new FanOut(),
        new RunStart());
  }
}
