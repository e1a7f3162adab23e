package dev.targo.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.targo.worker.runtime.ArgoOutcomeLogFilter;
import dev.targo.worker.runtime.TemporalOutageFilter;

/**
 * Logging of the targo command: warnings from libraries and targo's own notices, on standard error,
 * as {@code [LEVEL] message}. Set up in code, found by logback through {@code META-INF/services}:
 * reading a {@code logback.xml} took a tenth of a second of every command's start (an XML parser
 * and logback's configuration model). {@code targo worker} replaces this with its own text or JSON
 * lines ({@code WorkerLogging}).
 */
public final class CliLogConfiguration extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    // An unreachable Temporal server: one line per condition, not a stack trace per poll.
    TemporalOutageFilter outage = new TemporalOutageFilter();
    outage.setContext(context);
    outage.start();
    context.addTurboFilter(outage);
    // A failed attempt or workflow is an Argo outcome, not a fault: no SDK warning about it.
    ArgoOutcomeLogFilter outcomes = new ArgoOutcomeLogFilter();
    outcomes.setContext(context);
    outcomes.start();
    context.addTurboFilter(outcomes);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("[%level] %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("stderr");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    context.getLogger("dev.targo").setLevel(Level.INFO);
    // A heartbeat that fails once is retried by the SDK; only lasting trouble is worth a line.
    context.getLogger("io.temporal.internal.worker.HeartbeatManager").setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
