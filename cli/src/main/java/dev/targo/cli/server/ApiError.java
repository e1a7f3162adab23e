package dev.targo.cli.server;

import java.util.Locale;

/**
 * A request that fails, as Argo Server fails it: a gRPC status code, answered as grpc-gateway
 * answers it (the HTTP status of the code, and {@code {"code": n, "message": …}} as body).
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The gRPC codes targo answers with, with grpc-gateway's HTTP status for each. */
  public enum Code {
    INVALID_ARGUMENT(3, 400),
    NOT_FOUND(5, 404),
    ALREADY_EXISTS(6, 409),
    PERMISSION_DENIED(7, 403),
    FAILED_PRECONDITION(9, 400),
    UNIMPLEMENTED(12, 501),
    INTERNAL(13, 500),
    UNAVAILABLE(14, 503),
    UNAUTHENTICATED(16, 401);

    private final int number;
    private final int httpStatus;

    Code(int number, int httpStatus) {
      this.number = number;
      this.httpStatus = httpStatus;
    }

    /** The gRPC code number, as {@code code} of the body. */
    public int number() {
      return number;
    }

    /** The HTTP status grpc-gateway answers the code with. */
    public int httpStatus() {
      return httpStatus;
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Code code;

  public ApiError(Code code, String message) {
    super(message);
    this.code = code;
  }

  public Code code() {
    return code;
  }

  /** Kubernetes' message for a workflow that does not exist, which Argo Server passes on. */
  public static ApiError notFound(String name) {
    return new ApiError(Code.NOT_FOUND, "workflows.argoproj.io \"" + name + "\" not found");
  }
}
