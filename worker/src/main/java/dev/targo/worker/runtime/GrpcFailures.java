package dev.targo.worker.runtime;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * What a failed gRPC call to the Temporal server says, in one line: whether it only means "no
 * server there" and how to name it. Shared by the worker's outage lines and the client's errors.
 */
public final class GrpcFailures {
  private GrpcFailures() {}

  /** True for failures that say nothing about the request, only about the connection. */
  public static boolean isConnectionFailure(StatusRuntimeException e) {
    Status.Code code = e.getStatus().getCode();
    return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
  }

  /** True when the server refused who we are (credentials, API key, mTLS). */
  public static boolean isRefusal(StatusRuntimeException e) {
    Status.Code code = e.getStatus().getCode();
    return code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED;
  }

  /**
   * {@code cannot reach Temporal at host:7233: UNAVAILABLE (…)}, {@code Temporal at … refused the
   * connection: …}, or {@code Temporal at …: CODE (…)} for any other failure.
   */
  public static String describe(String address, StatusRuntimeException e) {
    if (isConnectionFailure(e)) {
      return "cannot reach Temporal at " + address + ": " + reason(e);
    }
    if (isRefusal(e)) {
      return "Temporal at " + address + " refused the connection: " + reason(e);
    }
    return "Temporal at " + address + ": " + reason(e);
  }

  private static String reason(StatusRuntimeException e) {
    String description = e.getStatus().getDescription();
    if (description == null && e.getCause() != null) {
      description = e.getCause().getMessage();
    }
    return e.getStatus().getCode()
        + (description == null ? "" : " (" + firstLine(description) + ")");
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
