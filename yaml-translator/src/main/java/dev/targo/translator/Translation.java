package dev.targo.translator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.plan.WorkflowPlan;
import java.util.List;
import java.util.Objects;

/** The result of translating one file: a plan, or every problem found in it. */
public sealed interface Translation {

  /** Warnings about the file: it runs, but probably not as its author meant. */
  List<Problem> warnings();

  /**
   * The file is a valid workflow that targo can run.
   *
   * @param plan the validated plan
   * @param warnings every warning, sorted by line, column and code
   * @param stored what the workflow takes from templates, as Argo records it in its {@code status}
   *     ({@code storedTemplates}, {@code storedWorkflowTemplateSpec}); null when it refers to none
   */
  record Ok(WorkflowPlan plan, List<Problem> warnings, ObjectNode stored) implements Translation {
    public Ok {
      Objects.requireNonNull(plan, "plan");
      warnings = sorted(warnings);
    }

    /** A plan of a workflow that refers to no template. */
    public Ok(WorkflowPlan plan, List<Problem> warnings) {
      this(plan, warnings, null);
    }

    /** A plan without warnings. */
    public Ok(WorkflowPlan plan) {
      this(plan, List.of());
    }
  }

  /**
   * A {@code WorkflowTemplate} or {@code ClusterWorkflowTemplate} without problems: valid, and
   * nothing to run by itself.
   *
   * @param warnings every warning, sorted
   */
  record Checked(List<Problem> warnings) implements Translation {
    public Checked {
      warnings = sorted(warnings);
    }
  }

  /**
   * The file has problems; nothing may be started.
   *
   * @param problems every error, never empty, sorted by line, column and code
   * @param warnings every warning, sorted the same way
   */
  record Failed(List<Problem> problems, List<Problem> warnings) implements Translation {
    public Failed {
      if (problems == null || problems.isEmpty()) {
        throw new IllegalArgumentException("a failed translation has at least one problem");
      }
      problems = sorted(problems);
      warnings = sorted(warnings);
    }

    /** Errors without warnings. */
    public Failed(List<Problem> problems) {
      this(problems, List.of());
    }
  }

  /** Errors and warnings together in report order, as {@code targo lint} prints them. */
  default List<Problem> all() {
    List<Problem> errors = this instanceof Failed failed ? failed.problems() : List.<Problem>of();
    return sorted(java.util.stream.Stream.concat(errors.stream(), warnings().stream()).toList());
  }

  private static List<Problem> sorted(List<Problem> problems) {
    return problems == null ? List.of() : problems.stream().sorted(Problem.ORDER).toList();
  }
}
