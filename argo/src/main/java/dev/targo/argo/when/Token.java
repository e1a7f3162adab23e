package dev.targo.argo.when;

/**
 * A govaluate token.
 *
 * @param kind govaluate's token kind
 * @param value a {@code Double}, {@code String}, {@code Boolean}, the symbol text of an operator,
 *     or the dotted name of an accessor
 * @param start the 0-based character offset where the token starts
 */
record Token(Kind kind, Object value, int start) {

  /** govaluate's {@code TokenKind}s, named as its error messages name them. */
  enum Kind {
    UNKNOWN,
    PREFIX,
    NUMERIC,
    BOOLEAN,
    STRING,
    VARIABLE,
    COMPARATOR,
    LOGICALOP,
    MODIFIER,
    CLAUSE,
    CLAUSE_CLOSE,
    TERNARY,
    ACCESSOR,
    SEPARATOR
  }

  /** The value as govaluate's {@code %v} prints it in a syntax error. */
  String shown() {
    return switch (kind) {
      // A clause's value is a Go rune, which %v prints as its number.
      case CLAUSE, CLAUSE_CLOSE -> String.valueOf((int) ((String) value).charAt(0));
      case ACCESSOR -> "[" + String.join(" ", ((String) value).split("\\.", -1)) + "]";
      default -> Values.show(value);
    };
  }
}
