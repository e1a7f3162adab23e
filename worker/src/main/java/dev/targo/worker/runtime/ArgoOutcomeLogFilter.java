package dev.targo.worker.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.targo.api.temporal.ArgoFailures;
import org.slf4j.Marker;

/**
 * Keeps Argo outcomes out of the worker's warnings: the Temporal SDK logs every failed activity and
 * every failed workflow as a warning with its stack trace, and a pod that exited 1 or a workflow
 * with no retries left ends that way by design ({@link ArgoFailures}). targo already logs one line
 * when an attempt's pod ends; the SDK's lines about these failures are dropped, every other warning
 * is kept.
 */
public final class ArgoOutcomeLogFilter extends TurboFilter {

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null
        || !level.isGreaterOrEqual(Level.WARN)
        || !logger.getName().startsWith("io.temporal.")) {
      return FilterReply.NEUTRAL;
    }
    Throwable thrown = t;
    if (thrown == null && params != null && params.length > 0) {
      thrown = params[params.length - 1] instanceof Throwable last ? last : null;
    }
    return thrown != null && ArgoFailures.isArgoOutcome(thrown)
        ? FilterReply.DENY
        : FilterReply.NEUTRAL;
  }
}
