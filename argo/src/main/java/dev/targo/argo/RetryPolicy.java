package dev.targo.argo;

/** Argo {@code retryStrategy.retryPolicy}. */
public enum RetryPolicy {
  Always,
  OnFailure,
  OnError,
  OnTransientError
}
