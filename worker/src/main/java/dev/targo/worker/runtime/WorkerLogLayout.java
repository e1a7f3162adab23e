package dev.targo.worker.runtime;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line per event of {@code targo worker}'s log. {@code text}: time, level, logger, message and
 * the workflow fields in braces ({@code {WorkflowId=wf, ArgoNode=wf(2), ArgoAttempt=3, …}}). {@code
 * json}: one JSON object per line with {@code time}, {@code level}, {@code logger}, {@code
 * message}, every MDC field as a key of its own (Temporal's and {@link LogFields}), and {@code
 * exception} with the stack trace when there is one.
 */
public final class WorkerLogLayout extends LayoutBase<ILoggingEvent> {

  /** The two formats of {@code --log-format}. */
  public enum Format {
    text,
    json
  }

  /** MDC fields text lines show: Temporal's workflow id, then targo's. */
  private static final String TEMPORAL_WORKFLOW_ID = "WorkflowId";

  private static final JsonFactory JSON = new JsonFactory();

  private final Format format;

  public WorkerLogLayout(Format format) {
    this.format = format;
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    return switch (format) {
      case text -> text(event);
      case json -> json(event);
    };
  }

  private static String text(ILoggingEvent event) {
    StringBuilder s =
        new StringBuilder()
            .append(Instant.ofEpochMilli(event.getTimeStamp()))
            .append(' ')
            .append(event.getLevel())
            .append(' ')
            .append(shortName(event.getLoggerName()))
            .append(": ")
            .append(event.getFormattedMessage());
    Map<String, String> mdc = event.getMDCPropertyMap();
    StringBuilder fields = new StringBuilder();
    appendField(fields, TEMPORAL_WORKFLOW_ID, mdc.get(TEMPORAL_WORKFLOW_ID));
    for (String key : LogFields.KEYS) {
      appendField(fields, key, mdc.get(key));
    }
    if (!fields.isEmpty()) {
      s.append(" {").append(fields).append('}');
    }
    s.append('\n');
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      s.append(ThrowableProxyUtil.asString(thrown)).append('\n');
    }
    return s.toString();
  }

  private static void appendField(StringBuilder fields, String key, String value) {
    if (value != null) {
      fields.append(fields.isEmpty() ? "" : ", ").append(key).append('=').append(value);
    }
  }

  private static String json(ILoggingEvent event) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      g.writeStringField("level", event.getLevel().toString());
      g.writeStringField("logger", event.getLoggerName());
      g.writeStringField("message", event.getFormattedMessage());
      for (Map.Entry<String, String> e : new TreeMap<>(event.getMDCPropertyMap()).entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        g.writeStringField("exception", ThrowableProxyUtil.asString(thrown));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.append('\n').toString();
  }

  private static String shortName(String logger) {
    int dot = logger.lastIndexOf('.');
    return dot < 0 ? logger : logger.substring(dot + 1);
  }
}
