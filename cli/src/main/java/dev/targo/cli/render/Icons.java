package dev.targo.cli.render;

import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;

/** Argo's node phase icons, with the words {@code argo --no-utf8} prints instead. */
public final class Icons {
  private Icons() {}

  /**
   * The icon (or word) of {@code node}: a waiting suspend node has Argo's {@code ǁ} ({@code
   * Suspend}), every other node its phase's.
   */
  public static String of(NodeStatus node, boolean utf8) {
    if (node.type() == NodeType.Suspend && node.phase() == NodePhase.Running) {
      return utf8 ? "ǁ" : "Suspend";
    }
    return of(node.phase(), utf8);
  }

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
