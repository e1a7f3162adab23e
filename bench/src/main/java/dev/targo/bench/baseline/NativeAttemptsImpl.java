package dev.targo.bench.baseline;

import dev.targo.bench.Timeline;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;

/** Records each attempt on the timeline (attempts counted from 0, as targo's) and fails it. */
public final class NativeAttemptsImpl implements NativeAttempts {
  private final Timeline timeline;

  public NativeAttemptsImpl(Timeline timeline) {
    this.timeline = timeline;
  }

  @Override
  public void attempt(String key) {
    int attempt = Activity.getExecutionContext().getInfo().getAttempt() - 1;
    timeline.started(key, attempt, Timeline.nowMicros());
    timeline.ended(key, attempt, Timeline.nowMicros());
    throw ApplicationFailure.newFailure("attempt " + attempt + " fails", "BenchFailure");
  }
}
