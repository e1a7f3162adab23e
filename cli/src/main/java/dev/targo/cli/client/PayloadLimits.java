package dev.targo.cli.client;

import dev.targo.api.PayloadJson;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.cli.ExitCodes;
import dev.targo.cli.UserError;
import io.temporal.common.converter.DataConverter;
import java.util.Locale;

/**
 * Refuses, before anything is started, a workflow that a Temporal server would refuse with a vague
 * {@code RESOURCE_EXHAUSTED} or {@code Blob data size exceeds limit}. Measured on the Temporal
 * CLI's dev server: each payload (the start input, the memo) may hold 2 MiB ({@code
 * limit.blobSize.error}, {@code limit.memoSize.error}), and the whole start request 4 MiB (gRPC's
 * maximum message). The embedded test server has only the 4 MiB bound; the stricter numbers are
 * applied everywhere, so that what runs with {@code targo run} also runs on a real server.
 */
public final class PayloadLimits {
  private PayloadLimits() {}

  /** Temporal's default {@code limit.blobSize.error} and {@code limit.memoSize.error}. */
  static final long PAYLOAD_BYTES = 2L * 1024 * 1024;

  /** gRPC's default maximum message size, which bounds the whole start request. */
  static final long REQUEST_BYTES = 4L * 1024 * 1024;

  /**
   * Room for the rest of the request: ids, task queue, options, search attributes, headers (they
   * take about 1 KiB).
   */
  static final long REQUEST_OVERHEAD = 4 * 1024;

  private static final DataConverter CONVERTER = PayloadJson.dataConverter();

  /** A {@link UserError} (exit 2) when {@code submission} is too large for a Temporal server. */
  public static void check(Submission submission) {
    WorkflowRun run = submission.run();
    long input = CONVERTER.toPayloads(run).map(p -> (long) p.getSerializedSize()).orElse(0L);
    long memo =
        CONVERTER.toPayload(submission.yaml()).map(p -> (long) p.getSerializedSize()).orElse(0L);
    long summaries =
        CONVERTER
                .toPayload(PlanSummary.summary(submission.plan()))
                .map(p -> (long) p.getSerializedSize())
                .orElse(0L)
            + CONVERTER
                .toPayload(PlanSummary.details(submission.plan()))
                .map(p -> (long) p.getSerializedSize())
                .orElse(0L);
    if (input > PAYLOAD_BYTES) {
      throw tooLarge(
          "its translated plan is " + mib(input) + " as a Temporal payload", PAYLOAD_BYTES);
    }
    if (memo > PAYLOAD_BYTES) {
      throw tooLarge("its YAML, kept in the memo, is " + mib(memo), PAYLOAD_BYTES);
    }
    long request = input + memo + summaries + REQUEST_OVERHEAD;
    if (request > REQUEST_BYTES) {
      throw new UserError(
          ExitCodes.BAD_INPUT,
          "workflow "
              + submission.name()
              + " is too large for Temporal: its plan ("
              + mib(input)
              + ") and its YAML in the memo ("
              + mib(memo)
              + ") make a start request of about "
              + mib(request)
              + ", and a Temporal server accepts at most "
              + mib(REQUEST_BYTES)
              + " per request; nothing was started (move large scripts or data out of the"
              + " workflow)");
    }
  }

  private static UserError tooLarge(String what, long limit) {
    return new UserError(
        ExitCodes.BAD_INPUT,
        "the workflow is too large for Temporal: "
            + what
            + ", and a Temporal server accepts at most "
            + mib(limit)
            + " per payload; nothing was started (move large scripts or data out of the"
            + " workflow)");
  }

  /** {@code 2.31 MiB}. */
  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024.0));
  }
}
