package dev.targo.cli.connect;

import dev.targo.cli.ExitCodes;
import dev.targo.cli.UserError;
import dev.targo.worker.runtime.GrpcFailures;
import io.grpc.StatusRuntimeException;

/** Turns gRPC failures that mean "no server there" into one line with exit code 3. */
public final class Unreachable {
  private Unreachable() {}

  /** True for failures that say nothing about the request, only about the connection. */
  public static boolean isConnectionFailure(StatusRuntimeException e) {
    return GrpcFailures.isConnectionFailure(e);
  }

  /** The error for a failed call to {@code address}; not-a-connection problems keep exit 2. */
  public static UserError error(String address, StatusRuntimeException e) {
    int code =
        GrpcFailures.isConnectionFailure(e) || GrpcFailures.isRefusal(e)
            ? ExitCodes.UNREACHABLE
            : ExitCodes.BAD_INPUT;
    return new UserError(code, GrpcFailures.describe(address, e));
  }
}
