package dev.targo.argo.status;

/**
 * The text a workflow shows as its Temporal "current details" in the Web UI: phase, progress and
 * the entrypoint node's message, which while running is what it waits for ({@code Backoff for 4
 * seconds}). Pure.
 */
public final class CurrentDetails {
  private CurrentDetails() {}

  /** {@code Running · progress 0/3 · Backoff for 4 seconds}. */
  public static String of(WorkflowStatus status, String rootMessage) {
    StringBuilder s = new StringBuilder();
    s.append(status.phase()).append(" · progress ").append(status.progress());
    String message = status.message() != null ? status.message() : rootMessage;
    if (message != null && !message.isEmpty()) {
      s.append(" · ").append(message);
    }
    if (status.omittedNodes() != null) {
      s.append(" · ").append(status.omittedNodes()).append(" older attempt nodes not kept");
    }
    return s.toString();
  }
}
