package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Set;
import java.util.function.Function;

/**
 * A DAG task's run condition (Argo's enhanced {@code depends}) as a tree. Bare task names are
 * already expanded the way Argo expands them ({@code A} becomes {@code (A.Succeeded || A.Skipped ||
 * A.Daemoned)}, plus {@code A.Errored}/{@code A.Failed} when A has {@code continueOn}), so only
 * explicit results remain.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Depends.Result.class, name = "result"),
  @JsonSubTypes.Type(value = Depends.Not.class, name = "not"),
  @JsonSubTypes.Type(value = Depends.And.class, name = "and"),
  @JsonSubTypes.Type(value = Depends.Or.class, name = "or")
})
public sealed interface Depends {

  /**
   * Whether the condition holds, given the results of each finished task it names.
   *
   * @param results the results that hold for a task, by task name ({@link TaskResult#of})
   */
  default boolean holds(Function<String, Set<TaskResult>> results) {
    return switch (this) {
      case Result r -> results.apply(r.task()).contains(r.result());
      case Not n -> !n.operand().holds(results);
      case And a -> a.left().holds(results) && a.right().holds(results);
      case Or o -> o.left().holds(results) || o.right().holds(results);
    };
  }

  /**
   * {@code task.Result}.
   *
   * @param task the task name
   * @param result the result tested
   */
  record Result(String task, TaskResult result) implements Depends {
    @Override
    public String toString() {
      return task + "." + result;
    }
  }

  /**
   * {@code !operand}.
   *
   * @param operand the negated condition
   */
  record Not(Depends operand) implements Depends {
    @Override
    public String toString() {
      return "!" + (operand instanceof Result ? operand : "(" + operand + ")");
    }
  }

  /**
   * {@code left && right}.
   *
   * @param left the left operand
   * @param right the right operand
   */
  record And(Depends left, Depends right) implements Depends {
    @Override
    public String toString() {
      return operand(left) + " && " + operand(right);
    }

    private static String operand(Depends d) {
      return d instanceof Or ? "(" + d + ")" : d.toString();
    }
  }

  /**
   * {@code left || right}.
   *
   * @param left the left operand
   * @param right the right operand
   */
  record Or(Depends left, Depends right) implements Depends {
    @Override
    public String toString() {
      return left + " || " + right;
    }
  }
}
