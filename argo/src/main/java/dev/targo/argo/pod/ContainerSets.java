package dev.targo.argo.pod;

import dev.targo.argo.ArgoDurations;
import dev.targo.argo.plan.ContainerNode;
import dev.targo.argo.plan.ContainerSetRetry;
import dev.targo.argo.plan.TemplateBody.ContainerSetBody;
import dev.targo.argo.pod.PodState.ContainerState.Running;
import dev.targo.argo.pod.PodState.ContainerState.Terminated;
import dev.targo.argo.pod.PodState.ContainerState.Waiting;
import dev.targo.argo.pod.PodState.ContainerStatus;
import dev.targo.argo.status.NodePhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo's rules for the containers of a {@code containerSet} pod, as its emissary (the wrapper that
 * runs each container's command, {@code cmd/argoexec/commands/emissary.go}) and its controller
 * ({@code podReconciliation}) apply them. Pure.
 *
 * <ul>
 *   <li><b>Order.</b> A container's command starts once each of its {@code dependencies} has ended
 *       successfully; the emissary waits for them one after the other, in the order written, so a
 *       container whose dependency failed ends without running, with Argo's error, as soon as every
 *       dependency before that one has succeeded ({@link #next}).
 *   <li><b>Retries in place.</b> {@code containerSet.retryStrategy} runs a failing command again in
 *       the same container ({@link #retry}).
 *   <li><b>Container nodes.</b> Each container's node takes its phase from its status ({@link
 *       #outcomes}).
 * </ul>
 */
public final class ContainerSets {
  private ContainerSets() {}

  /**
   * The exit code of an emissary that failed itself rather than its command (Argo's {@code
   * argoexec} exits 64 for any error that is not the command's exit); a container node that ends
   * with it is an Error, not a failure.
   */
  public static final int EMISSARY_ERROR = 64;

  /** What to do with a container that has not started. */
  public sealed interface Step {
    /** The container. */
    String name();

    /** Its dependencies have all ended successfully: run its command. */
    record Start(String name) implements Step {}

    /**
     * Dependency {@code dependency} ended with {@code code}: the container ends without running its
     * command, exit code {@link #EMISSARY_ERROR}, with Argo's message ({@link #message}); what it
     * passes on to the containers that depend on it is {@code code}, as Argo's emissary writes the
     * dependency's code into its own {@code exitcode} file.
     */
    record Skip(String name, String dependency, int code) implements Step {
      /** The emissary's error ({@code dependency "a" exited with non-zero code: 1}). */
      public String message() {
        return "dependency \"" + dependency + "\" exited with non-zero code: " + code;
      }
    }
  }

  /**
   * The containers of {@code set} that can be decided now, in declaration order: those not yet
   * {@code started} whose dependencies, looked at in the order written, have either all ended with
   * code 0 ({@link Step.Start}) or reached one that ended otherwise ({@link Step.Skip}) before
   * reaching one still running.
   *
   * @param ended the code each ended container passes on ({@link Step.Skip#code} for a skipped one)
   * @param started the containers already started or skipped
   */
  public static List<Step> next(
      ContainerSetBody set, Map<String, Integer> ended, Collection<String> started) {
    List<Step> out = new ArrayList<>();
    for (ContainerNode c : set.containers()) {
      if (started.contains(c.name())) {
        continue;
      }
      Step step = new Step.Start(c.name());
      for (String dependency : c.dependencies()) {
        Integer code = ended.get(dependency);
        if (code == null) {
          step = null;
          break;
        }
        if (code != 0) {
          step = new Step.Skip(c.name(), dependency, code);
          break;
        }
      }
      if (step != null) {
        out.add(step);
      }
    }
    return out;
  }

  /**
   * How a failing command is run again (Argo's {@code ContainerSetTemplate.GetRetryStrategy}, a
   * {@code wait.Backoff} given to {@code retry.OnError}).
   *
   * @param runs how many times in all a failing command runs: Argo's {@code Steps}, which is {@code
   *     retries} itself (its e2e test counts two runs for {@code retries: 2}), 1 without a strategy
   * @param delay the wait between two runs
   */
  public record Retry(int runs, Duration delay) {
    /** Run once, as without a strategy. */
    public static final Retry ONCE = new Retry(1, Duration.ZERO);
  }

  /**
   * The retry of {@code spec} (substituted), or an {@link IllegalArgumentException} with the
   * problem. One deliberate difference: {@code retries: 0} runs the command once, where Argo's
   * emissary, with zero steps, would run nothing and report success.
   */
  public static Retry retry(ContainerSetRetry spec) {
    if (spec == null || spec.retries() == null) {
      return Retry.ONCE;
    }
    int runs;
    try {
      runs = Integer.parseInt(spec.retries().strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "containerSet.retryStrategy.retries must be a whole number, not `"
              + spec.retries()
              + "`");
    }
    if (runs < 0) {
      throw new IllegalArgumentException(
          "containerSet.retryStrategy.retries must not be negative, not `" + spec.retries() + "`");
    }
    Duration delay = Duration.ZERO;
    if (spec.duration() != null && !spec.duration().isEmpty()) {
      delay = goDuration(spec.duration());
    }
    return new Retry(Math.max(1, runs), delay);
  }

  /**
   * A duration as Go's {@code time.ParseDuration} reads it (no bare number of seconds), with
   * targo's {@code d}; throws {@link IllegalArgumentException} with Go's message.
   */
  static Duration goDuration(String text) {
    String s = text.strip();
    if (!s.equals("0") && s.chars().allMatch(ch -> ch >= '0' && ch <= '9') && !s.isEmpty()) {
      throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
    }
    try {
      return ArgoDurations.parse(text);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      int time = m.indexOf("time: ");
      throw new IllegalArgumentException(time >= 0 ? m.substring(time) : m, e);
    }
  }

  /**
   * The Container node of each of {@code names} (in that order) from the pod's last state, as
   * Argo's {@code podReconciliation} marks it: a terminated container Succeeded (exit 0), Error
   * (exit 64, the emissary's own error) or Failed, with {@code <name>: <reason> (exit code N):
   * <message>}; one that had not ended when the pod Failed is Failed {@code Pod Failed whilst
   * container running}; otherwise Pending or Running. A container the pod does not report is
   * Pending.
   */
  public static List<ContainerOutcome> outcomes(PodState pod, List<String> names) {
    Map<String, ContainerStatus> byName = new HashMap<>();
    pod.containers().forEach(c -> byName.put(c.name(), c));
    List<ContainerOutcome> out = new ArrayList<>();
    for (String name : names) {
      ContainerStatus c = byName.get(name);
      out.add(c == null ? new ContainerOutcome(name, NodePhase.Pending, null, null) : of(c, pod));
    }
    return out;
  }

  private static ContainerOutcome of(ContainerStatus c, PodState pod) {
    if (c.state() instanceof Terminated t) {
      String message =
          c.name()
              + ": "
              + text(t.reason())
              + " (exit code "
              + t.exitCode()
              + "): "
              + text(t.message());
      return switch (t.exitCode()) {
        case 0 -> new ContainerOutcome(c.name(), NodePhase.Succeeded, null, t.finishedAt());
        case EMISSARY_ERROR ->
            new ContainerOutcome(c.name(), NodePhase.Error, message, t.finishedAt());
        default -> new ContainerOutcome(c.name(), NodePhase.Failed, message, t.finishedAt());
      };
    }
    if (pod.phase() == PodState.Phase.Failed) {
      return new ContainerOutcome(
          c.name(), NodePhase.Failed, "Pod Failed whilst container running", null);
    }
    return switch (c.state()) {
      case Waiting w -> new ContainerOutcome(c.name(), NodePhase.Pending, null, null);
      case Running r -> new ContainerOutcome(c.name(), NodePhase.Running, null, null);
      case Terminated t -> throw new IllegalStateException("handled above");
    };
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
