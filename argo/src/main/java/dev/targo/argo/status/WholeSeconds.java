package dev.targo.argo.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times as Argo keeps them in a workflow's status: Kubernetes {@code metav1.Time} is serialized in
 * RFC 3339 with whole seconds, and the controller reads nodes back from what it stored. Pure.
 */
public final class WholeSeconds {
  private WholeSeconds() {}

  /** {@code t} without its fraction of a second; null stays null. */
  public static Instant of(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS);
  }
}
