package dev.targo.cli.server;

import java.io.Writer;
import java.util.function.BiConsumer;

/**
 * Turns what {@code PodLogPrinter} prints ({@code <pod>: <line>}, as {@code argo logs} and {@code
 * targo logs} print it) back into Argo's log entries, so that the server reads logs exactly as the
 * command does: local state directory, Kubernetes pod log API, or the tails the worker kept.
 */
final class LogLines extends Writer {
  private final BiConsumer<String, String> entries;
  private final StringBuilder line = new StringBuilder();

  /**
   * @param entries called with (pod name, content) for each line
   */
  LogLines(BiConsumer<String, String> entries) {
    this.entries = entries;
  }

  @Override
  public synchronized void write(char[] chars, int off, int len) {
    for (int i = off; i < off + len; i++) {
      char c = chars[i];
      if (c == '\n') {
        emit();
      } else {
        line.append(c);
      }
    }
  }

  private void emit() {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      line.setLength(end - 1);
    }
    String text = line.toString();
    line.setLength(0);
    // A pod name holds no ": ", so the first one ends it.
    int cut = text.indexOf(": ");
    if (cut > 0) {
      entries.accept(text.substring(0, cut), text.substring(cut + 2));
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
