package dev.targo.argo.expr;

import java.util.List;

/** The expression tree. {@code pos} is the char index expr-lang reports errors of a node at. */
sealed interface Node {
  int pos();

  /** A literal: Long, Double, String, Boolean or null. */
  record Literal(Object value, int pos) implements Node {}

  record Identifier(String name, int pos) implements Node {}

  /**
   * {@code base.name} (a string property) or {@code base[index]}; {@code optional} for {@code
   * base?.name}, which reads nil from a nil base.
   */
  record Member(Node base, Node property, boolean optional, int pos) implements Node {}

  /** {@code base[from:to]}; either bound may be null. */
  record Slice(Node base, Node from, Node to, int pos) implements Node {}

  record Unary(String op, Node operand, int pos) implements Node {}

  record Binary(String op, Node left, Node right, int pos) implements Node {}

  record Conditional(Node cond, Node then, Node otherwise, int pos) implements Node {}

  /** A call of a function by name; Argo's sprig functions are named {@code sprig.<name>}. */
  record Call(String function, List<Node> args, int pos) implements Node {}

  record Array(List<Node> items, int pos) implements Node {}

  /** {@code {key: value, …}}; keys are string literals (a bare name is its own string). */
  record MapLiteral(List<Node> keys, List<Node> values, int pos) implements Node {}

  /** {@code {…}} as the predicate of a builtin such as {@code filter}: evaluated per element. */
  record Closure(Node body, int pos) implements Node {}

  /** {@code #} (the element a closure is called with) or {@code #index}. */
  record Pointer(String name, int pos) implements Node {}
}
