package dev.targo.cli.logs;

/** What reading one pod's log from a log source came to. */
public sealed interface LogRead {

  /** The log was printed (to its end, or as far as the stream went). */
  record Printed() implements LogRead {}

  /** The source has no log of the pod: the pod is gone, or the file was never written. */
  record Gone() implements LogRead {}

  /** The pod's main container has not started yet: try again later. */
  record NotYet() implements LogRead {}

  /** The source refused this one pod's log, for {@code reason}. */
  record Refused(String reason) implements LogRead {}

  /** The source cannot be reached at all, for {@code reason}; no other pod will fare better. */
  record Unreachable(String reason) implements LogRead {}
}
