package dev.targo.argo.retry;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Argo's {@code OnTransientError} test on an attempt's message ({@code util/errors.isTransientErr}
 * applied to the node message): fixed substrings, plus the operator's unanchored regular expression
 * ({@code TRANSIENT_ERROR_PATTERN}). Pure.
 */
public final class TransientErrors {
  private TransientErrors() {}

  /**
   * The message fragments Argo treats as transient, as its code spells them (note {@code connect:
   * connection refused}, narrower than the plain {@code connection refused} some docs quote, and
   * {@code upper: no more rows in}, Argo's database driver error, which it matches on any message).
   */
  public static final List<String> SUBSTRINGS =
      List.of(
          "unexpected error when reading response body",
          "stream error when reading response body",
          "Connection closed by foreign host",
          "net/http: TLS handshake timeout",
          "i/o timeout",
          "connection timed out",
          "connection reset by peer",
          "http2: client connection lost",
          "http2: server sent GOAWAY and closed the connection",
          "request did not complete within requested timeout",
          "connect: connection refused",
          "invalid connection",
          "etcdserver: leader changed",
          "etcdserver: request timed out",
          "etcdserver: too many requests",
          "client rate limiter Wait returned an error",
          "upper: no more rows in");

  /**
   * True when {@code message} contains one of {@link #SUBSTRINGS} or {@code extraPattern} finds a
   * match anywhere in it. A null message is the empty string (Argo builds an error from it). A null
   * or empty pattern is no pattern; an invalid one is ignored, as Argo ignores the compile error of
   * {@code regexp.MatchString}. The pattern is a Java regular expression; RE2 syntax that Java
   * shares behaves the same.
   */
  public static boolean isTransient(String message, String extraPattern) {
    String text = message == null ? "" : message;
    for (String s : SUBSTRINGS) {
      if (text.contains(s)) {
        return true;
      }
    }
    if (extraPattern == null || extraPattern.isEmpty()) {
      return false;
    }
    try {
      return Pattern.compile(extraPattern).matcher(text).find();
    } catch (PatternSyntaxException e) {
      return false;
    }
  }
}
