package dev.targo.api.argo;

import java.time.Duration;

/**
 * Argo duration strings: a bare integer is seconds, otherwise Go duration syntax ({@code 500ms},
 * {@code 1h30m}, {@code 1.5h}); targo also accepts {@code d} (24h). Pure.
 */
public final class ArgoDurations {
  private ArgoDurations() {}

  /** Parses {@code text}; throws {@link IllegalArgumentException} with a user-facing message. */
  public static Duration parse(String text) {
    throw new UnsupportedOperationException("being written");
  }

  /** Argo's humanized form: {@code 4 seconds}, {@code 1 minute 30 seconds}. */
  public static String humanize(Duration d) {
    throw new UnsupportedOperationException("being written");
  }
}
