package dev.targo.translator;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for typos: the closest candidate by edit distance, or by prefix. */
final class Suggest {
  private static final int MAX_DISTANCE = 2;

  private Suggest() {}

  /** {@code "; did you mean `x`?"}, or the empty string when nothing is close. */
  static String didYouMean(String typed, Collection<String> candidates) {
    String best = closest(typed, candidates);
    return best == null ? "" : "; did you mean `" + best + "`?";
  }

  /**
   * The candidate within edit distance 2 (case-insensitive) of {@code typed}, the nearest first;
   * else the shortest candidate that starts with {@code typed} or that {@code typed} starts with
   * (at least 3 characters shared); else null.
   */
  static String closest(String typed, Collection<String> candidates) {
    String lower = typed.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    for (String candidate : candidates) {
      int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (best != null || lower.length() < 3) {
      return best;
    }
    for (String candidate : candidates) {
      String c = candidate.toLowerCase(Locale.ROOT);
      boolean related = c.length() >= 3 && (c.startsWith(lower) || lower.startsWith(c));
      if (related && (best == null || candidate.length() < best.length())) {
        best = candidate;
      }
    }
    return best;
  }

  /** Levenshtein distance, two rows. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
