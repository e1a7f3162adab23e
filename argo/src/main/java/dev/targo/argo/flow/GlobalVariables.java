package dev.targo.argo.flow;

import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code workflow.*} variables derived from others where a template is substituted, rather than
 * carried: every form of {@code workflow.creationTimestamp} from its Unix seconds, {@code
 * workflow.duration} as of now, and the {@code .json} aliases of the whole-value variables. The
 * workflow variables travel in every child workflow's input, so a wide fan-out carries only what
 * cannot be derived. Pure.
 */
public final class GlobalVariables {
  /** The Unix seconds of the workflow's creation, from which its other forms are derived. */
  public static final String CREATION_SECONDS = WorkflowTimes.CREATION + ".s";

  private static final String[] ALIASED = {
    "workflow.parameters", "workflow.labels", "workflow.annotations"
  };

  private GlobalVariables() {}

  /** {@code vars} with the derived variables added (unchanged when nothing is derived). */
  public static SortedMap<String, String> expand(SortedMap<String, String> vars, Instant now) {
    String created = vars.get(CREATION_SECONDS);
    SortedMap<String, String> out = new TreeMap<>(vars);
    if (created != null) {
      Instant at = Instant.ofEpochSecond(Long.parseLong(created));
      out.putAll(WorkflowTimes.creation(at));
      out.put(WorkflowTimes.DURATION, WorkflowTimes.duration(at, now));
    }
    for (String name : ALIASED) {
      String value = vars.get(name);
      if (value != null) {
        out.put(name + ".json", value);
      }
    }
    return out;
  }
}
