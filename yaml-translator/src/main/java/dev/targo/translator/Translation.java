package dev.targo.translator;

import dev.targo.argo.plan.WorkflowPlan;
import java.util.List;
import java.util.Objects;

/** The result of translating one file: a plan, or every problem found in it. */
public sealed interface Translation {

  /**
   * The file is a valid workflow that targo can run.
   *
   * @param plan the validated plan
   */
  record Ok(WorkflowPlan plan) implements Translation {
    public Ok {
      Objects.requireNonNull(plan, "plan");
    }
  }

  /**
   * The file has problems; nothing may be started.
   *
   * @param problems every problem, never empty, sorted by line, column and code
   */
  record Failed(List<Problem> problems) implements Translation {
    public Failed {
      if (problems == null || problems.isEmpty()) {
        throw new IllegalArgumentException("a failed translation has at least one problem");
      }
      problems = problems.stream().sorted(Problem.ORDER).toList();
    }
  }
}
