package dev.targo.cli.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector ({@code listOptions.labelSelector}): requirements separated by
 * commas, each {@code key}, {@code !key}, {@code key=v}, {@code key==v}, {@code key!=v}, {@code key
 * in (a,b)} or {@code key notin (a,b)}, all of which must hold. Pure.
 */
public final class LabelSelector implements Predicate<Map<String, String>> {

  private static final Pattern SET =
      Pattern.compile("\\s*([^\\s!=(),]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*");
  private static final Pattern EQUALITY =
      Pattern.compile("\\s*([^\\s!=(),]+)\\s*(==|=|!=)\\s*([^\\s!=(),]*)\\s*");
  private static final Pattern EXISTS = Pattern.compile("\\s*(!?)\\s*([^\\s!=(),]+)\\s*");

  private final List<Predicate<Map<String, String>>> requirements;

  private LabelSelector(List<Predicate<Map<String, String>>> requirements) {
    this.requirements = requirements;
  }

  /** Everything: an absent or empty selector. */
  public static final LabelSelector ALL = new LabelSelector(List.of());

  /** The selector {@code text}; an {@link ApiError} (invalid argument) when it cannot be read. */
  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return ALL;
    }
    List<Predicate<Map<String, String>>> out = new ArrayList<>();
    for (String requirement : split(text)) {
      out.add(requirement(requirement, text));
    }
    return new LabelSelector(List.copyOf(out));
  }

  @Override
  public boolean test(Map<String, String> labels) {
    return requirements.stream().allMatch(r -> r.test(labels));
  }

  /** The requirements of {@code text}: commas inside parentheses belong to a set. */
  private static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static Predicate<Map<String, String>> requirement(String r, String whole) {
    Matcher set = SET.matcher(r);
    if (set.matches()) {
      String key = set.group(1);
      Set<String> values =
          Arrays.stream(set.group(3).split(","))
              .map(String::strip)
              .filter(v -> !v.isEmpty())
              .collect(Collectors.toUnmodifiableSet());
      boolean in = set.group(2).equals("in");
      return labels ->
          in
              ? values.contains(labels.get(key))
              : !labels.containsKey(key) || !values.contains(labels.get(key));
    }
    Matcher eq = EQUALITY.matcher(r);
    if (eq.matches()) {
      String key = eq.group(1);
      String value = eq.group(3);
      boolean equal = !eq.group(2).equals("!=");
      return labels -> equal == value.equals(labels.get(key));
    }
    Matcher exists = EXISTS.matcher(r);
    if (exists.matches()) {
      String key = exists.group(2);
      boolean present = exists.group(1).isEmpty();
      return labels -> present == labels.containsKey(key);
    }
    throw new ApiError(
        ApiError.Code.INVALID_ARGUMENT,
        "unable to parse requirement \"" + r.strip() + "\" of label selector \"" + whole + "\"");
  }
}
