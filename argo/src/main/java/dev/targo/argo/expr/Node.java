package dev.targo.argo.expr;

import java.util.List;

/** The expression tree. {@code pos} is the char index expr-lang reports errors of a node at. */
sealed interface Node {
  int pos();

  /** A literal: Long, Double, String, Boolean or null. */
  record Literal(Object value, int pos) implements Node {}

  record Identifier(String name, int pos) implements Node {}

  /** {@code base.name} (a string property) or {@code base[index]}. */
  record Member(Node base, Node property, int pos) implements Node {}

  record Unary(String op, Node operand, int pos) implements Node {}

  record Binary(String op, Node left, Node right, int pos) implements Node {}

  record Conditional(Node cond, Node then, Node otherwise, int pos) implements Node {}

  record Call(String function, List<Node> args, int pos) implements Node {}

  record Array(List<Node> items, int pos) implements Node {}
}
