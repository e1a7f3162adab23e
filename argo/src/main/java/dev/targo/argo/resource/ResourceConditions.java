package dev.targo.argo.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.resource.Requirement.Operator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A resource template's {@code successCondition} or {@code failureCondition}: Kubernetes' label
 * selector syntax ({@code labels.Parse}: requirements joined by commas; {@code =}, {@code ==},
 * {@code !=}, {@code in (…)}, {@code notin (…)}, {@code >}, {@code <}, a bare key for "exists" and
 * {@code !key} for "does not exist"), with keys that are gjson paths of the resource (Argo's {@code
 * WaitResource}). Keys and values are checked as Kubernetes checks label keys and values. Pure.
 */
public final class ResourceConditions {
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final String SPECIAL = "=!(),><";
  private static final Map<String, Operator> OPERATORS =
      Map.of(
          "=", Operator.EQUALS,
          "==", Operator.DOUBLE_EQUALS,
          "!=", Operator.NOT_EQUALS,
          "in", Operator.IN,
          "notin", Operator.NOT_IN,
          ">", Operator.GREATER_THAN,
          "<", Operator.LESS_THAN);

  private final List<String> tokens;
  private int next;

  private ResourceConditions(List<String> tokens) {
    this.tokens = tokens;
  }

  /** Thrown for a condition that does not parse; the message says where and why. */
  public static final class InvalidCondition extends Exception {
    InvalidCondition(String message) {
      super(message);
    }
  }

  /** How a resource stands against its template's conditions (Argo's {@code matchConditions}). */
  public sealed interface Verdict {
    /** Every success requirement holds and no failure requirement does. */
    record Succeeded() implements Verdict {}

    /** A failure requirement holds; {@code message} is Argo's. */
    record Failed(String message) implements Verdict {}

    /** Neither: look again later. */
    record Waiting() implements Verdict {}
  }

  /**
   * The requirements of {@code condition}, sorted by key as Kubernetes sorts them; none for an
   * empty or null condition.
   *
   * @throws InvalidCondition when it does not parse
   */
  public static List<Requirement> parse(String condition) throws InvalidCondition {
    if (condition == null) {
      return List.of();
    }
    List<Requirement> out = new ResourceConditions(tokens(condition)).requirements();
    return out.stream().sorted(Comparator.comparing(Requirement::key)).toList();
  }

  /**
   * Argo's verdict on {@code resource}: failed as soon as one failure requirement holds, succeeded
   * once every success requirement holds (at once when there are none), else waiting.
   */
  public static Verdict judge(
      JsonNode resource, List<Requirement> success, List<Requirement> failure) {
    for (Requirement r : failure) {
      if (r.matches(resource)) {
        return new Verdict.Failed("failure condition '" + r + "' evaluated true");
      }
    }
    for (Requirement r : success) {
      if (!r.matches(resource)) {
        return new Verdict.Waiting();
      }
    }
    return new Verdict.Succeeded();
  }

  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (SPECIAL.indexOf(c) >= 0) {
        boolean pair = (c == '!' || c == '=') && i + 1 < text.length() && text.charAt(i + 1) == '=';
        out.add(text.substring(i, pair ? i + 2 : i + 1));
        i += pair ? 2 : 1;
      } else {
        int start = i;
        while (i < text.length()
            && !Character.isWhitespace(text.charAt(i))
            && SPECIAL.indexOf(text.charAt(i)) < 0) {
          i++;
        }
        out.add(text.substring(start, i));
      }
    }
    return out;
  }

  private String peek() {
    return next < tokens.size() ? tokens.get(next) : null;
  }

  private String take() {
    return next < tokens.size() ? tokens.get(next++) : null;
  }

  private static boolean identifier(String token) {
    return token != null
        && SPECIAL.indexOf(token.charAt(0)) < 0
        && !token.equals("in")
        && !token.equals("notin");
  }

  private static String shown(String token) {
    return token == null ? "end of string" : "'" + token + "'";
  }

  private List<Requirement> requirements() throws InvalidCondition {
    List<Requirement> out = new ArrayList<>();
    while (peek() != null) {
      String t = peek();
      if (!identifier(t) && !t.equals("!")) {
        throw new InvalidCondition(
            "found " + shown(t) + ", expected: !, identifier, or end of string");
      }
      out.add(requirement());
      String after = take();
      if (after == null) {
        break;
      }
      if (!after.equals(",")) {
        throw new InvalidCondition("found " + shown(after) + ", expected: ',' or end of string");
      }
      if (!identifier(peek()) && !"!".equals(peek())) {
        throw new InvalidCondition("found " + shown(peek()) + ", expected: identifier after ','");
      }
    }
    return out;
  }

  private Requirement requirement() throws InvalidCondition {
    boolean negated = "!".equals(peek());
    if (negated) {
      take();
    }
    String key = take();
    if (!identifier(key)) {
      throw new InvalidCondition("found " + shown(key) + ", expected: identifier");
    }
    checkKey(key);
    if (peek() == null || peek().equals(",")) {
      return new Requirement(key, negated ? Operator.DOES_NOT_EXIST : Operator.EXISTS, List.of());
    }
    if (negated) {
      throw new InvalidCondition(
          "found " + shown(peek()) + ", expected: ',' or end of string after !" + key);
    }
    String op = take();
    Operator operator = OPERATORS.get(op);
    if (operator == null) {
      throw new InvalidCondition("found " + shown(op) + ", expected: in, notin, =, ==, !=, >, <");
    }
    List<String> values =
        operator == Operator.IN || operator == Operator.NOT_IN ? set() : List.of(exact());
    if (values.isEmpty()) {
      throw new InvalidCondition("for 'in', 'notin' operators, values set can't be empty");
    }
    for (String v : values) {
      if (operator == Operator.GREATER_THAN || operator == Operator.LESS_THAN) {
        try {
          Long.parseLong(v);
        } catch (NumberFormatException e) {
          throw new InvalidCondition(
              "for '>', '<' operators, the value must be an integer, not '" + v + "'");
        }
      } else if (!v.isEmpty() && (v.length() > 63 || !NAME.matcher(v).matches())) {
        throw new InvalidCondition(
            "invalid value '"
                + v
                + "' for "
                + key
                + ": at most 63 letters, digits, '-', '_' or '.', starting and ending with a"
                + " letter or digit");
      }
    }
    return new Requirement(key, operator, values);
  }

  private String exact() throws InvalidCondition {
    String t = peek();
    if (t == null || t.equals(",")) {
      return "";
    }
    if (!identifier(t)) {
      throw new InvalidCondition("found " + shown(t) + ", expected: identifier");
    }
    return take();
  }

  private List<String> set() throws InvalidCondition {
    String open = take();
    if (!"(".equals(open)) {
      throw new InvalidCondition("found " + shown(open) + ", expected: '('");
    }
    TreeSet<String> values = new TreeSet<>();
    if (")".equals(peek())) {
      take();
      return List.of();
    }
    while (true) {
      String t = take();
      if (identifier(t)) {
        values.add(t);
        t = take();
      } else {
        values.add("");
      }
      if (")".equals(t)) {
        return List.copyOf(values);
      }
      if (!",".equals(t)) {
        throw new InvalidCondition("found " + shown(t) + ", expected: ',' or ')'");
      }
    }
  }

  /** As Kubernetes' {@code IsQualifiedName}: an optional DNS prefix and {@code /}, then a name. */
  private static void checkKey(String key) throws InvalidCondition {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    String prefix = slash < 0 ? null : key.substring(0, slash);
    boolean valid =
        name.length() <= 63
            && NAME.matcher(name).matches()
            && (prefix == null
                || (prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches()));
    if (!valid) {
      throw new InvalidCondition(
          "invalid key '"
              + key
              + "': a path of at most 63 letters, digits, '-', '_' or '.', starting and ending"
              + " with a letter or digit");
    }
  }
}
