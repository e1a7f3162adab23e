package dev.targo.cli.connect;

import dev.targo.cli.ExitCodes;
import dev.targo.cli.UserError;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Turns gRPC failures that mean "no server there" into one line with exit code 3. */
public final class Unreachable {
  private Unreachable() {}

  /** True for failures that say nothing about the request, only about the connection. */
  public static boolean isConnectionFailure(StatusRuntimeException e) {
    Status.Code code = e.getStatus().getCode();
    return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
  }

  /** The error for a failed call to {@code address}; not-a-connection problems keep exit 2. */
  public static UserError error(String address, StatusRuntimeException e) {
    if (isConnectionFailure(e)) {
      return new UserError(
          ExitCodes.UNREACHABLE, "cannot reach Temporal at " + address + ": " + reason(e));
    }
    if (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED
        || e.getStatus().getCode() == Status.Code.PERMISSION_DENIED) {
      return new UserError(
          ExitCodes.UNREACHABLE,
          "Temporal at " + address + " refused the connection: " + reason(e));
    }
    return new UserError(ExitCodes.BAD_INPUT, "Temporal at " + address + ": " + reason(e));
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
