package dev.targo.argo.expr;

import dev.targo.argo.GoFormat;

/**
 * A lexical token, as expr-lang's lexer names them.
 *
 * @param kind the token kind
 * @param value its text (the unescaped value for strings)
 * @param pos its start, as a char index into the source
 */
record Token(Kind kind, String value, int pos) {

  enum Kind {
    Identifier,
    Number,
    String,
    Operator,
    Bracket,
    EOF
  }

  boolean is(Kind k) {
    return kind == k;
  }

  boolean is(Kind k, String v) {
    return kind == k && value.equals(v);
  }

  /** expr-lang's {@code Token.String()}: {@code Operator(">")}, or the bare kind when empty. */
  @Override
  public String toString() {
    return value.isEmpty() ? kind.name() : kind.name() + "(" + GoFormat.quote(value) + ")";
  }
}
