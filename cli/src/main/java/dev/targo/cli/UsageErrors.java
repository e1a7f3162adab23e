package dev.targo.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one line a usage error prints: what is wrong and where the help is, instead of the whole
 * usage text (which buried the one line that mattered under forty others).
 */
final class UsageErrors {
  private UsageErrors() {}

  /** {@code targo: <message> (see 'targo <command> --help')}. */
  static String line(ParameterException ex) {
    CommandLine command = ex.getCommandLine();
    StringBuilder line = new StringBuilder("targo: ").append(message(ex));
    if (ex instanceof UnmatchedArgumentException unmatched) {
      String closest = closest(unmatched);
      if (closest != null) {
        line.append("; did you mean ").append(closest).append('?');
      }
    }
    String qualified = command.getCommandSpec().qualifiedName();
    return line.append(" (see '").append(qualified).append(" --help')").toString();
  }

  /**
   * The subcommand or option closest to the first unmatched argument, within two edits (a swap of
   * two letters is one). Picocli's own suggestions rank by shared letter pairs and proposed {@code
   * submit} for {@code lsit}.
   */
  private static String closest(UnmatchedArgumentException ex) {
    List<String> unmatched = ex.getUnmatched();
    if (unmatched.isEmpty()) {
      return null;
    }
    String typed = unmatched.get(0);
    int eq = typed.indexOf('=');
    if (typed.startsWith("-") && eq > 0) {
      typed = typed.substring(0, eq);
    }
    CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
    List<String> candidates =
        typed.startsWith("-")
            ? spec.options().stream().flatMap(o -> List.of(o.names()).stream()).toList()
            : List.copyOf(spec.subcommands().keySet());
    String best = null;
    int bestDistance = 3;
    for (String candidate : candidates) {
      int d = distance(typed, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Edits from {@code a} to {@code b}: insertions, deletions, replacements, adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /**
   * Picocli's message on one line. Its map-option message names the option twice ("Value for option
   * option '--parameter' (NAME=VALUE) should be in KEY=VALUE format"): said once here.
   */
  static String message(ParameterException ex) {
    String message = ex.getMessage() == null ? "invalid arguments" : ex.getMessage();
    return message.replace("option option ", "option ").replaceAll("\\s*\\R\\s*", "; ").strip();
  }
}
