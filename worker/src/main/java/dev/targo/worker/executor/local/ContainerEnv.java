package dev.targo.worker.executor.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.api.Names;
import dev.targo.argo.plan.ContainerSpec.EnvVar;
import dev.targo.argo.pod.PodRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's {@code env} as the kubelet resolves it, in order: literal values (with {@code
 * $(VAR)} expanded over the variables defined before them) and the downward API's {@code
 * valueFrom.fieldRef}. Sources that exist only in a cluster (secrets, config maps, resource limits)
 * cannot be resolved here: a required one is a {@link ContainerConfigException}, which the kubelet
 * would report as {@code CreateContainerConfigError}; an {@code optional: true} one is left out, as
 * the kubelet leaves out a missing optional key.
 */
public final class ContainerEnv {
  private ContainerEnv() {}

  private static final Pattern MAP_ENTRY =
      Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]");

  /** The fields of a pod the downward API can expose. */
  public record PodFacts(
      String name,
      String namespace,
      String nodeName,
      String serviceAccountName,
      Map<String, String> labels,
      Map<String, String> annotations) {

    /** The facts of an attempt's pod: the labels and annotations such a pod would carry. */
    static PodFacts of(PodRequest request, String namespace, String nodeName) {
      Map<String, String> labels = new HashMap<>(request.template().metadata().labels());
      putIfValue(labels, Names.LABEL_WORKFLOW, request.workflowName());
      labels.put(Names.LABEL_ATTEMPT, Integer.toString(request.attempt()));
      labels.put(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE);
      Map<String, String> annotations = new HashMap<>(request.template().metadata().annotations());
      putIfValue(annotations, Names.ANNOTATION_NODE_NAME, request.nodeName());
      putIfValue(annotations, Names.ANNOTATION_NODE_ID, request.nodeId());
      String account =
          request.serviceAccountName() != null
              ? request.serviceAccountName()
              : request.template().serviceAccountName() != null
                  ? request.template().serviceAccountName()
                  : "default";
      return new PodFacts(request.podName(), namespace, nodeName, account, labels, annotations);
    }

    private static void putIfValue(Map<String, String> map, String key, String value) {
      if (value != null) {
        map.put(key, value);
      }
    }
  }

  /** Raised when a variable cannot be resolved; the message says which and why. */
  public static final class ContainerConfigException extends Exception {
    public ContainerConfigException(String message) {
      super(message);
    }
  }

  public static Map<String, String> resolve(List<EnvVar> env, PodFacts pod)
      throws ContainerConfigException {
    Map<String, String> resolved = new LinkedHashMap<>();
    for (EnvVar var : env) {
      if (var.valueFrom() != null && !var.valueFrom().isNull()) {
        String value = valueFrom(var.name(), var.valueFrom(), pod);
        if (value != null) {
          resolved.put(var.name(), value);
        }
      } else {
        String value = var.value() == null ? "" : var.value();
        resolved.put(var.name(), EnvExpansion.expand(value, resolved));
      }
    }
    return resolved;
  }

  /** The value of a {@code valueFrom}, or null for an optional source that is absent. */
  private static String valueFrom(String name, JsonNode from, PodFacts pod)
      throws ContainerConfigException {
    if (from.hasNonNull("fieldRef")) {
      return field(name, from.path("fieldRef").path("fieldPath").asText(""), pod);
    }
    if (from.hasNonNull("secretKeyRef")) {
      return absent(name, from.path("secretKeyRef"), "secret", "Kubernetes secrets");
    }
    if (from.hasNonNull("configMapKeyRef")) {
      return absent(name, from.path("configMapKeyRef"), "configmap", "Kubernetes config maps");
    }
    if (from.hasNonNull("resourceFieldRef")) {
      throw new ContainerConfigException(
          "env " + name + ": resourceFieldRef is not supported by the local executor");
    }
    throw new ContainerConfigException("env " + name + ": valueFrom names no source");
  }

  private static String field(String name, String path, PodFacts pod)
      throws ContainerConfigException {
    Matcher entry = MAP_ENTRY.matcher(path);
    if (entry.matches()) {
      Map<String, String> map = entry.group(1).equals("labels") ? pod.labels() : pod.annotations();
      // The kubelet gives an empty value for a label or annotation the pod does not have.
      return map.getOrDefault(entry.group(2), "");
    }
    return switch (path) {
      case "metadata.name" -> pod.name();
      case "metadata.namespace" -> pod.namespace();
      case "spec.nodeName" -> pod.nodeName();
      case "spec.serviceAccountName" -> pod.serviceAccountName();
      // The process runs on this machine, which plays the node and the pod network alike.
      case "status.hostIP", "status.podIP" -> "127.0.0.1";
      default ->
          throw new ContainerConfigException(
              "env "
                  + name
                  + ": fieldRef \""
                  + path
                  + "\" is not supported by the local executor (supported: metadata.name,"
                  + " metadata.namespace, metadata.labels['…'], metadata.annotations['…'],"
                  + " spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP)");
    };
  }

  private static String absent(String name, JsonNode ref, String kind, String what)
      throws ContainerConfigException {
    if (ref.path("optional").asBoolean(false)) {
      return null;
    }
    throw new ContainerConfigException(
        "env %s: %s \"%s\" not found (the local executor has no %s)"
            .formatted(name, kind, ref.path("name").asText(""), what));
  }
}
