package dev.targo.worker.executor.kubernetes;

import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.pod.PodState;
import dev.targo.argo.pod.PodState.ContainerState;
import dev.targo.argo.pod.PodState.ContainerStatus;
import dev.targo.argo.pod.SavedParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code outputs.parameters} with {@code valueFrom.path} on Kubernetes, without Argo's wait
 * sidecar: the main container's {@code terminationMessagePath} is set to the parameter's file, so
 * the kubelet copies the file (up to 4 KiB) into the container's terminated state, where the
 * executor reads it, one trailing newline trimmed as Argo's {@code SaveParameters} does. One such
 * parameter per template: a pod has one termination message. Argo itself has no 4 KiB limit: its
 * wait sidecar reads the files and reports them in a {@code WorkflowTaskResult}, which targo does
 * not run yet.
 */
final class OutputParameters {
  private OutputParameters() {}

  /** The values read, or the reason the attempt ends in Error ({@code values} null: none). */
  record Read(Map<String, String> values, String error) {}

  /** The single path parameter of {@code template}, or null when it declares none. */
  static OutputParameter fileParameter(Template template)
      throws PodSpecs.UnsupportedTemplateException {
    List<OutputParameter> withPath = new ArrayList<>();
    for (OutputParameter p : template.outputs()) {
      if (p.path() != null) {
        withPath.add(p);
      }
    }
    if (withPath.size() > 1) {
      throw new PodSpecs.UnsupportedTemplateException(
          "the kubernetes executor reads one output parameter file per pod (through the"
              + " container's terminationMessagePath); template "
              + template.name()
              + " declares "
              + withPath.size());
    }
    if (withPath.isEmpty()) {
      return null;
    }
    OutputParameter p = withPath.getFirst();
    if (!p.path().startsWith("/")) {
      throw new PodSpecs.UnsupportedTemplateException(
          "the kubernetes executor needs an absolute path for output parameter "
              + p.name()
              + ", got "
              + p.path());
    }
    return p;
  }

  /**
   * The parameter's value from the main container's termination message; an empty message (the file
   * is missing or empty: the kubelet does not tell which) takes {@code valueFrom.default} when
   * there is one.
   */
  static Read read(OutputParameter p, PodState state) {
    if (p == null) {
      return new Read(null, null);
    }
    String message =
        state
            .main()
            .map(ContainerStatus::state)
            .filter(s -> s instanceof ContainerState.Terminated)
            .map(s -> ((ContainerState.Terminated) s).message())
            .orElse(null);
    Map<String, String> values = new LinkedHashMap<>();
    // Argo's SaveParameters trims one trailing newline from whichever value it keeps.
    if (message != null && !message.isEmpty()) {
      values.put(p.name(), SavedParameters.saved(message));
    } else if (p.defaultValue() != null) {
      values.put(p.name(), SavedParameters.saved(p.defaultValue()));
    } else {
      return new Read(
          null,
          "failed to get output parameter "
              + p.name()
              + ": open "
              + p.path()
              + ": no such file or directory");
    }
    return new Read(values, null);
  }

  /**
   * {@code state} without the main container's termination message when it carries an output
   * parameter, so that the file's content is not mistaken for a failure message.
   */
  static PodState withoutOutput(OutputParameter p, PodState state) {
    if (p == null) {
      return state;
    }
    List<ContainerStatus> containers = new ArrayList<>();
    for (ContainerStatus c : state.containers()) {
      if (PodState.MAIN.equals(c.name()) && c.state() instanceof ContainerState.Terminated t) {
        containers.add(
            new ContainerStatus(
                c.name(),
                new ContainerState.Terminated(
                    t.exitCode(), t.reason(), null, t.startedAt(), t.finishedAt())));
      } else {
        containers.add(c);
      }
    }
    return new PodState(
        state.name(),
        state.namespace(),
        state.phase(),
        state.reason(),
        state.message(),
        state.initContainers(),
        containers,
        state.conditions(),
        state.nodeName(),
        state.deleted());
  }
}
