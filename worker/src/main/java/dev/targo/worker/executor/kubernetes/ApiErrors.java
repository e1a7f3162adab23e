package dev.targo.worker.executor.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeoutException;

/**
 * The one place that decides what a Kubernetes API error means for an attempt (ARGO-SEMANTICS §2):
 * transient errors are retried as the same attempt, permanent rejections end it as {@code Error}
 * with the API's own message, and conflicts and absences are answers the executor acts on.
 */
final class ApiErrors {
  private ApiErrors() {}

  /** What an API failure means. */
  enum Kind {
    /** 5xx, 429, timeouts, broken connections, {@code exceeded quota}: try again, same attempt. */
    TRANSIENT,
    /** 409: the object exists already. */
    CONFLICT,
    /** 404: the object does not exist. */
    NOT_FOUND,
    /** 400, 403, 422 …: the request will never succeed as it is. */
    PERMANENT
  }

  static Kind kind(Throwable error) {
    if (error instanceof KubernetesClientTimeoutException
        || hasCause(error, TimeoutException.class)) {
      return Kind.TRANSIENT;
    }
    if (error instanceof KubernetesClientException k && k.getCode() > 0) {
      int code = k.getCode();
      // A ResourceQuota refusal is a 403 that passes once other pods finish (Argo retries it too).
      if (code == 429 || code >= 500 || message(error).contains("exceeded quota")) {
        return Kind.TRANSIENT;
      }
      return switch (code) {
        case 409 -> Kind.CONFLICT;
        case 404 -> Kind.NOT_FOUND;
        default -> Kind.PERMANENT;
      };
    }
    // No HTTP status: the request never got an answer (refused, reset, dropped, timed out).
    if (hasCause(error, IOException.class)) {
      return Kind.TRANSIENT;
    }
    return Kind.PERMANENT;
  }

  /** True when the failure is the calling thread being interrupted, however it was wrapped. */
  static boolean isInterruption(Throwable error) {
    return hasCause(error, InterruptedException.class)
        || (hasCause(error, InterruptedIOException.class)
            && Thread.currentThread().isInterrupted());
  }

  /** The API server's own message ({@code Status.message}), else the exception's. */
  static String message(Throwable error) {
    if (error instanceof KubernetesClientException k
        && k.getStatus() != null
        && k.getStatus().getMessage() != null
        && !k.getStatus().getMessage().isEmpty()) {
      return k.getStatus().getMessage();
    }
    String message = error.getMessage();
    return message == null ? error.getClass().getSimpleName() : message;
  }

  private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
