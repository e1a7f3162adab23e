package dev.targo.cli.render;

import dev.targo.argo.status.NodePhase;

/** Argo's node phase icons, with the words {@code argo --no-utf8} prints instead. */
public final class Icons {
  private Icons() {}

  /** The icon (or word) for {@code phase}. */
  public static String of(NodePhase phase, boolean utf8) {
    if (!utf8) {
      return phase.name();
    }
    return switch (phase) {
      case Pending -> "◷";
      case Running -> "●";
      case Succeeded -> "✔";
      case Skipped, Omitted -> "○";
      case Failed -> "✖";
      case Error -> "⚠";
    };
  }
}
