package dev.targo.argo.when;

/** govaluate's evaluation stages, as a tree. */
sealed interface Node {

  /** A number ({@code Double}), string, boolean or precompiled pattern. */
  record Literal(Object value) implements Node {}

  /** A dotted name: govaluate reads it from parameters, of which Argo gives none. */
  record Accessor(String name, Node arguments) implements Node {}

  /** Parentheses: the value of {@code inner}, which is null for {@code ()}. */
  record Group(Node inner) implements Node {}

  /** A prefix operator: {@code -}, {@code !}, {@code ~}. */
  record Prefix(String op, Node operand) implements Node {}

  /** An infix operator; either side is null where govaluate's stage would be empty. */
  record Infix(String op, Node left, Node right) implements Node {}
}
