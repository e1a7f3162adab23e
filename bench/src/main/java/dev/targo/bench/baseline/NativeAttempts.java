package dev.targo.bench.baseline;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The activity of the native baseline: one attempt that fails at once, recorded. */
@ActivityInterface
public interface NativeAttempts {
  String TYPE = "BenchNativeAttempt";

  @ActivityMethod(name = TYPE)
  void attempt(String key);
}
