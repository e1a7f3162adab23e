package dev.targo.worker.executor.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import dev.targo.argo.plan.Affinity;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.ContainerSpec.EnvVar;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.PodRequest;
import java.util.List;
import java.util.Map;

/** Builds pod requests for tests. */
record Requests(
    String podName,
    TemplateBody body,
    Map<String, String> nodeSelector,
    Affinity affinity,
    List<String> excludedHosts,
    Long activeDeadlineSeconds) {

  static Requests pod(String podName, String... command) {
    return new Requests(
        podName,
        new TemplateBody.ContainerBody(container(List.of(command), List.of(), null)),
        Map.of(),
        null,
        List.of(),
        null);
  }

  static ContainerSpec container(List<String> command, List<EnvVar> env, String workingDir) {
    return new ContainerSpec(
        "alpine:3", command, List.of(), env, workingDir, null, null, null, null);
  }

  /** A pod of template {@code step} with {@code outputs.parameters}. */
  static PodRequest withOutputs(String podName, TemplateBody body, List<OutputParameter> outputs) {
    Template template =
        new Template(
            "step", body, null, null, null, null, Map.of(), null, null, null, null, null, outputs);
    return new PodRequest(
        "wf", "ns", "wf-1", "wf", 0, podName, template, List.of(), null, null, null);
  }

  static EnvVar fieldRef(String name, String fieldPath) {
    return new EnvVar(name, null, json("{\"fieldRef\":{\"fieldPath\":\"" + fieldPath + "\"}}"));
  }

  static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  Requests body(TemplateBody b) {
    return new Requests(podName, b, nodeSelector, affinity, excludedHosts, activeDeadlineSeconds);
  }

  Requests container(ContainerSpec c) {
    return body(new TemplateBody.ContainerBody(c));
  }

  Requests nodeSelector(Map<String, String> s) {
    return new Requests(podName, body, s, affinity, excludedHosts, activeDeadlineSeconds);
  }

  Requests excluding(String... hosts) {
    return new Requests(
        podName, body, nodeSelector, affinity, List.of(hosts), activeDeadlineSeconds);
  }

  Requests deadline(long seconds) {
    return new Requests(podName, body, nodeSelector, affinity, excludedHosts, seconds);
  }

  PodRequest build() {
    Template template =
        new Template(
            "step", body, null, null, null, null, nodeSelector, affinity, null, null, null, null);
    return new PodRequest(
        "wf",
        "ns",
        "wf-123",
        "wf(0)",
        0,
        podName,
        template,
        excludedHosts,
        activeDeadlineSeconds,
        null,
        null);
  }
}
