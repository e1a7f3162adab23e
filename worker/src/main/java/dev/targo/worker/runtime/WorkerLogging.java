package dev.targo.worker.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the process's logging at {@code targo worker}'s standard error, in the chosen {@link
 * WorkerLogLayout.Format}, for as long as the worker runs; closing it restores the default
 * configuration (the command's own). Levels: targo's own lines from INFO, libraries' from WARN.
 */
public final class WorkerLogging implements AutoCloseable {
  private final LoggerContext context;
  private final TemporalOutageFilter outage;

  private WorkerLogging(LoggerContext context, TemporalOutageFilter outage) {
    this.context = context;
    this.outage = outage;
  }

  /** The filter that reports an unreachable Temporal server in one line per condition. */
  public TemporalOutageFilter outage() {
    return outage;
  }

  public static WorkerLogging start(WorkerLogLayout.Format format, PrintWriter err) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    WorkerLogLayout layout = new WorkerLogLayout(format);
    layout.setContext(context);
    layout.start();
    WriterAppender appender = new WriterAppender(err, layout);
    appender.setContext(context);
    appender.setName("worker");
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
    context.getLogger("dev.targo").setLevel(Level.INFO);
    // A heartbeat that fails once is retried by the SDK; only lasting trouble is worth a line.
    context.getLogger("io.temporal.internal.worker.HeartbeatManager").setLevel(Level.ERROR);
    TemporalOutageFilter outage = new TemporalOutageFilter();
    outage.setContext(context);
    outage.start();
    context.addTurboFilter(outage);
    ArgoOutcomeLogFilter outcomes = new ArgoOutcomeLogFilter();
    outcomes.setContext(context);
    outcomes.start();
    context.addTurboFilter(outcomes);
    return new WorkerLogging(context, outage);
  }

  @Override
  public void close() {
    context.reset();
    try {
      new ContextInitializer(context).autoConfig();
    } catch (JoranException e) {
      // The default configuration is part of the jar; if it cannot be read, logging stays off.
    }
  }

  /** Writes each event's line to a writer, whole lines at a time. */
  private static final class WriterAppender extends AppenderBase<ILoggingEvent> {
    private final PrintWriter out;
    private final WorkerLogLayout layout;

    WriterAppender(PrintWriter out, WorkerLogLayout layout) {
      this.out = out;
      this.layout = layout;
    }

    @Override
    protected void append(ILoggingEvent event) {
      String line = layout.doLayout(event);
      synchronized (out) {
        out.print(line);
        out.flush();
      }
    }
  }
}
