package dev.targo.cli.client;

import dev.targo.argo.status.NodePhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the Temporal runs that visibility lists into one row per workflow, as {@code argo list}
 * shows them. A workflow that continued as new has one closed run per continuation and one latest
 * run: the row is the latest run's state and attributes, with the first run's start as its creation
 * time, so age and duration count from the submission. Pure.
 */
public final class ListedRuns {
  private ListedRuns() {}

  /** A Temporal execution state, as far as listing cares. */
  public enum State {
    RUNNING,
    COMPLETED,
    /** Ended with a failure (a bug, or an Argo failure reported as one). */
    FAILED,
    CONTINUED_AS_NEW,
    /** Terminated, timed out or cancelled by Temporal: no workflow code ran at its end. */
    STOPPED
  }

  /**
   * One Temporal run.
   *
   * @param workflowId the workflow id (the Argo name; {@code <wf>/<node>} for a node workflow)
   * @param state its execution state
   * @param startedAt when this run started
   * @param closedAt when it closed, or null while running
   * @param phase {@code ArgoPhase}, or null without search attributes
   * @param template {@code ArgoTemplate}, or null
   * @param attempts {@code ArgoAttempts}, or null
   * @param namespace {@code ArgoNamespace}, else the namespace its worker chose (memo), or null
   * @param yaml the submitted document (memo), or null
   */
  public record Run(
      String workflowId,
      State state,
      Instant startedAt,
      Instant closedAt,
      String phase,
      String template,
      Long attempts,
      String namespace,
      String yaml) {}

  /**
   * One workflow.
   *
   * @param run its latest run
   * @param createdAt the start of its first run (or of the latest, when earlier ones are unknown)
   * @param earlierRuns how many earlier runs it continued from
   */
  public record Row(Run run, Instant createdAt, int earlierRuns) {
    public String name() {
      return run.workflowId();
    }
  }

  /** The Argo workflow phases {@code --phase} accepts (Argo's {@code WorkflowPhase}). */
  static final List<NodePhase> WORKFLOW_PHASES =
      List.of(
          NodePhase.Pending,
          NodePhase.Running,
          NodePhase.Succeeded,
          NodePhase.Failed,
          NodePhase.Error);

  /** The phase named {@code text} in any case ({@code failed}, {@code FAILED}), if there is one. */
  public static Optional<NodePhase> phase(String text) {
    return WORKFLOW_PHASES.stream()
        .filter(p -> p.name().toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  /**
   * One row per workflow id of {@code latest}, newest first, each with the first start among {@code
   * earlier} (the {@link State#CONTINUED_AS_NEW} runs of the same ids; others are ignored).
   */
  public static List<Row> rows(List<Run> latest, List<Run> earlier) {
    Map<String, Instant> first = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (Run r : earlier) {
      if (r.state() == State.CONTINUED_AS_NEW) {
        first.merge(r.workflowId(), r.startedAt(), (a, b) -> a.isBefore(b) ? a : b);
        counts.merge(r.workflowId(), 1, Integer::sum);
      }
    }
    Map<String, Row> rows = new HashMap<>();
    for (Run r : latest) {
      if (r.state() == State.CONTINUED_AS_NEW) {
        continue;
      }
      Instant created = first.getOrDefault(r.workflowId(), r.startedAt());
      if (r.startedAt().isBefore(created)) {
        created = r.startedAt();
      }
      Row row = new Row(r, created, counts.getOrDefault(r.workflowId(), 0));
      // Two open runs of one id cannot exist; a closed run and a newer one can (a name reused
      // after retention): the newest wins.
      rows.merge(
          row.name(), row, (a, b) -> a.run().startedAt().isAfter(b.run().startedAt()) ? a : b);
    }
    List<Row> out = new ArrayList<>(rows.values());
    out.sort(
        Comparator.comparing(Row::createdAt)
            .reversed()
            .thenComparing(Row::name, Comparator.naturalOrder()));
    return out;
  }

  /**
   * The Argo phase a row shows: {@code ArgoPhase} while it runs (Pending until a worker starts it);
   * once ended, {@code ArgoPhase} when it names an end (the workflow's last upsert), else null —
   * the caller reads the workflow's result. A run Temporal terminated, timed out or cancelled ran
   * no workflow code at its end: Argo would show such a workflow as Error.
   */
  public static String shownPhase(Run run) {
    return switch (run.state()) {
      case RUNNING -> {
        Optional<NodePhase> p = run.phase() == null ? Optional.empty() : phase(run.phase());
        yield p.filter(x -> !x.fulfilled()).map(Enum::name).orElse(NodePhase.Running.name());
      }
      case COMPLETED, FAILED -> {
        Optional<NodePhase> p = run.phase() == null ? Optional.empty() : phase(run.phase());
        yield p.filter(NodePhase::fulfilled).map(Enum::name).orElse(null);
      }
      case STOPPED -> NodePhase.Error.name();
      case CONTINUED_AS_NEW -> null;
    };
  }
}
