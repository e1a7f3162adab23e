package dev.targo.argo.status;

import dev.targo.argo.PodNames;
import dev.targo.argo.flow.NodeNames;
import dev.targo.argo.plan.ContainerNode;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.pod.AttemptOutcome;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Argo's {@code status.nodes} of a workflow with steps or DAGs, built up while it runs: nodes by id
 * in creation order, each with its children. Not thread-safe; workflow code runs one thread at a
 * time.
 */
public final class NodeTree {
  private final String workflowName;
  private final Map<String, NodeStatus> nodes = new LinkedHashMap<>();
  private final Map<String, Integer> omittedAttempts = new TreeMap<>();
  private final Map<String, Integer> omittedSucceeded = new TreeMap<>();
  private final Map<String, NodeInputs> inputs = new TreeMap<>();
  private final Map<String, List<String>> outbound = new TreeMap<>();
  private final Map<String, MemoizationStatus> memoization = new TreeMap<>();
  private final Map<String, String> displayNames = new TreeMap<>();

  /** Output parameters exported by {@code globalName}, in the order first exported. */
  private final Map<String, String> exported = new LinkedHashMap<>();

  /** Output artifacts exported by {@code globalName}, in the order first exported. */
  private final Map<String, dev.targo.argo.plan.Artifact> exportedArtifacts = new LinkedHashMap<>();

  public NodeTree(String workflowName) {
    this.workflowName = workflowName;
  }

  /** The node with this id, or null. */
  public NodeStatus get(String id) {
    return nodes.get(id);
  }

  /** Adds or replaces a node; a replaced node keeps its place and the children it had. */
  public void put(NodeStatus node) {
    if (node.inputs() != null) {
      inputs.put(node.id(), node.inputs());
    }
    if (node.outboundNodes() != null) {
      outbound.put(node.id(), node.outboundNodes());
    }
    if (node.memoizationStatus() != null) {
      memoization.put(node.id(), node.memoizationStatus());
    }
    String shown = displayNames.get(node.id());
    if (shown != null && !shown.equals(node.displayName())) {
      node = node.withDisplayName(shown);
    }
    NodeStatus old = nodes.get(node.id());
    if (old != null && node.children().isEmpty() && !old.children().isEmpty()) {
      node = node.withChildren(old.children());
    }
    if (old != null && old.podIP() != null && node.podIP() == null) {
      // A daemon's node keeps its pod IP once stopped, as Argo's does; only `daemoned` goes.
      node = node.withPodIP(old.podIP());
    }
    nodes.put(node.id(), node);
  }

  /** A new node of a steps or DAG template (or a step group), Running. */
  public NodeStatus started(
      String id, String name, NodeType type, String templateName, Instant at) {
    NodeStatus node =
        new NodeStatus(
            id,
            name,
            NodeNames.displayName(workflowName, name),
            type,
            templateName,
            NodePhase.Running,
            null,
            at,
            null,
            null,
            List.of(),
            null,
            null);
    put(node);
    return node;
  }

  /** A node that is finished as soon as it is created: Skipped, Omitted or an Error node. */
  public NodeStatus ended(
      String id, String name, String templateName, NodePhase phase, String message, Instant at) {
    NodeStatus node =
        new NodeStatus(
            id,
            name,
            NodeNames.displayName(workflowName, name),
            NodeType.Skipped,
            templateName,
            phase,
            message,
            at,
            at,
            null,
            List.of(),
            null,
            null);
    put(node);
    return node;
  }

  /** The node {@code id} finished with {@code phase}, {@code message} and {@code outputs}. */
  public void finish(String id, NodePhase phase, String message, NodeOutputs outputs, Instant at) {
    if (!phase.fulfilled()) {
      throw new IllegalArgumentException("node " + id + " cannot finish " + phase);
    }
    NodeStatus n = nodes.get(id);
    nodes.put(
        id,
        new NodeStatus(
                n.id(),
                n.name(),
                n.displayName(),
                n.type(),
                n.templateName(),
                phase,
                message,
                n.startedAt(),
                at,
                n.hostNodeName(),
                n.children(),
                outputs,
                n.podName())
            .withFailedPodRestarts(n.failedPodRestarts())
            .withCluster(n.cluster()));
  }

  /**
   * A new Pod node (an attempt, or a container or script node without retries), Pending until its
   * pod has finished ({@link PodNodes#created}).
   */
  public NodeStatus startedPod(
      String id, String name, String templateName, String podName, Instant at) {
    NodeStatus created = PodNodes.created(id, name, templateName, podName, at);
    NodeStatus node =
        new NodeStatus(
            id,
            name,
            NodeNames.displayName(workflowName, name),
            NodeType.Pod,
            templateName,
            created.phase(),
            null,
            at,
            null,
            null,
            List.of(),
            null,
            podName);
    put(node);
    return node;
  }

  /**
   * The Container nodes of a {@code containerSet} pod whose Pod node is {@code podId}, named {@code
   * podName}: one per container ({@code <pod node>.<container>}), Pending, each a child of the pod
   * node when it depends on nothing, else of each container it depends on (Argo's {@code
   * executeContainerSet}).
   */
  public void startedContainers(
      String podId,
      String podNodeName,
      String templateName,
      List<ContainerNode> containers,
      Instant at) {
    for (ContainerNode c : containers) {
      String name = containerNodeName(podNodeName, c.name());
      put(
          new NodeStatus(
              PodNames.nodeId(workflowName, name),
              name,
              c.name(),
              NodeType.Container,
              templateName,
              NodePhase.Pending,
              null,
              at,
              null,
              null,
              List.of(),
              null,
              null));
    }
    for (ContainerNode c : containers) {
      String id = PodNames.nodeId(workflowName, containerNodeName(podNodeName, c.name()));
      if (c.dependencies().isEmpty()) {
        link(List.of(podId), id);
      }
      for (String dependency : c.dependencies()) {
        link(
            List.of(PodNames.nodeId(workflowName, containerNodeName(podNodeName, dependency))), id);
      }
    }
  }

  /** Argo's name of a container's node: {@code <pod node>.<container>}. */
  public static String containerNodeName(String podNodeName, String container) {
    return podNodeName + "." + container;
  }

  /**
   * The Container node {@code id} as its container ended: {@code phase} (a container the pod ended
   * without is given the pod's end), {@code message}, at {@code at}.
   */
  public void finishContainer(String id, NodePhase phase, String message, Instant at) {
    NodeStatus n = nodes.get(id);
    if (n == null) {
      return;
    }
    nodes.put(
        id,
        new NodeStatus(
            n.id(),
            n.name(),
            n.displayName(),
            n.type(),
            n.templateName(),
            phase,
            message,
            n.startedAt(),
            phase.fulfilled() ? at : null,
            n.hostNodeName(),
            n.children(),
            null,
            null));
  }

  /** The Pod node {@code id} once its pod has finished with {@code outcome}. */
  /**
   * Names the cluster the pod of node {@code id} runs in (targo's clusters); nothing when {@code
   * cluster} is null.
   */
  public void cluster(String id, String cluster) {
    if (cluster != null) {
      nodes.put(id, nodes.get(id).withCluster(cluster));
    }
  }

  public NodeStatus finishedPod(String id, AttemptOutcome outcome) {
    NodeStatus old = nodes.get(id);
    NodeStatus node = PodNodes.finished(old, outcome);
    if (old.podIP() != null && node.podIP() == null) {
      node = node.withPodIP(old.podIP());
    }
    nodes.put(id, node);
    return node;
  }

  /**
   * Sets the message of the running node {@code id}: what it waits for ({@code Backoff for 4
   * seconds}), or null once it waits no more.
   */
  public void message(String id, String message) {
    NodeStatus n = nodes.get(id);
    nodes.put(id, running(n, message, n.outputs()));
  }

  /** Sets the outputs of the running node {@code id} (a suspend node's supplied values). */
  public void outputs(String id, NodeOutputs outputs) {
    NodeStatus n = nodes.get(id);
    nodes.put(id, running(n, n.message(), outputs));
  }

  private static NodeStatus running(NodeStatus n, String message, NodeOutputs outputs) {
    return new NodeStatus(
            n.id(),
            n.name(),
            n.displayName(),
            n.type(),
            n.templateName(),
            n.phase(),
            message,
            n.startedAt(),
            n.finishedAt(),
            n.hostNodeName(),
            n.children(),
            outputs,
            n.podName())
        .withFailedPodRestarts(n.failedPodRestarts())
        .withCluster(n.cluster());
  }

  /** Makes {@code childId} a child of each of {@code parentIds} (once). */
  public void link(List<String> parentIds, String childId) {
    for (String parentId : parentIds) {
      NodeStatus parent = nodes.get(parentId);
      if (parent != null && !parent.children().contains(childId)) {
        List<String> children = new ArrayList<>(parent.children());
        children.add(childId);
        nodes.put(parentId, parent.withChildren(children));
      }
    }
  }

  /** Records {@code count} attempt nodes dropped below node {@code id} (a finished child's). */
  public void omitted(String id, int count) {
    omitted(id, count, 0);
  }

  /**
   * Records {@code pods} pod nodes dropped below node {@code id}, {@code succeeded} of which had
   * Succeeded (a finished child's, or a restored retry node's).
   */
  public void omitted(String id, int pods, int succeeded) {
    if (pods > 0) {
      omittedAttempts.put(id, pods);
    }
    if (succeeded > 0) {
      omittedSucceeded.put(id, succeeded);
    }
  }

  /**
   * Drops attempt {@code attemptId} of retry node {@code retryId} with every node below it; its pod
   * nodes, and the attempt nodes already dropped below it, are counted on the retry node instead,
   * so progress keeps counting them.
   */
  public void dropAttempt(String retryId, String attemptId) {
    int pods = 0;
    int succeeded = 0;
    for (String id : subtree(attemptId)) {
      NodeStatus n = nodes.remove(id);
      if (n != null && n.type().counted()) {
        pods++;
        succeeded += n.phase() == NodePhase.Succeeded ? 1 : 0;
      }
      Integer dropped = omittedAttempts.remove(id);
      pods += dropped == null ? 0 : dropped;
      Integer droppedSucceeded = omittedSucceeded.remove(id);
      succeeded += droppedSucceeded == null ? 0 : droppedSucceeded;
    }
    NodeStatus retry = nodes.get(retryId);
    List<String> children = new ArrayList<>(retry.children());
    children.remove(attemptId);
    nodes.put(retryId, retry.withChildren(children));
    omittedAttempts.merge(retryId, pods, Integer::sum);
    omittedSucceeded.merge(retryId, succeeded, Integer::sum);
  }

  /**
   * Drops the oldest attempts of retry node {@code retryId} that the status no longer keeps ({@link
   * KeptAttempts}), before its next attempt starts.
   */
  public void dropOldAttempts(String retryId) {
    List<String> kept = nodes.get(retryId).children();
    int drop = KeptAttempts.toDrop(kept.stream().map(a -> subtree(a).size()).toList());
    for (String attempt : List.copyOf(kept.subList(0, drop))) {
      dropAttempt(retryId, attempt);
    }
  }

  /** Every node of the kept attempts of retry node {@code retryId}, in creation order. */
  public List<NodeStatus> attemptNodes(String retryId) {
    java.util.Set<String> below = new java.util.HashSet<>();
    for (String attempt : nodes.get(retryId).children()) {
      below.addAll(subtree(attempt));
    }
    return nodes.values().stream().filter(n -> below.contains(n.id())).toList();
  }

  /** Node {@code id} and every node below it, each once, {@code id} first. */
  public List<String> subtree(String id) {
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>(List.of(id));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      NodeStatus n = nodes.get(next);
      if (n != null && seen.add(next)) {
        todo.addAll(n.children());
      }
    }
    return List.copyOf(seen);
  }

  /** The node {@code id} runs its template with {@code given} (null when it has no inputs). */
  public void inputs(String id, NodeInputs given) {
    if (given != null) {
      inputs.put(id, given);
    }
  }

  /**
   * Node {@code id} (of a memoized template; it may not exist yet) used its cache as {@code status}
   * says.
   */
  public void memoization(String id, MemoizationStatus status) {
    memoization.put(id, status);
  }

  /**
   * Node {@code id} (it may not exist yet) shows as {@code displayName}, the display name its
   * template's annotation gives it, instead of the one of its node name.
   */
  public void displayName(String id, String displayName) {
    displayNames.put(id, displayName);
    NodeStatus n = nodes.get(id);
    if (n != null) {
      put(n);
    }
  }

  /** How node {@code id} used its cache, or null when its template is not memoized. */
  public MemoizationStatus memoization(String id) {
    return memoization.get(id);
  }

  /** The steps or DAG node {@code id} ended after {@code ids}, its outbound nodes. */
  public void outbound(String id, List<String> ids) {
    outbound.put(id, List.copyOf(ids));
  }

  /** Every node in creation order, with its inputs, boundary and outbound nodes. */
  public List<NodeStatus> nodes() {
    return List.copyOf(withContext().values());
  }

  private Map<String, NodeStatus> withContext() {
    Map<String, String> idsByName = new HashMap<>();
    nodes.values().forEach(n -> idsByName.put(n.name(), n.id()));
    Map<String, NodeStatus> out = new LinkedHashMap<>();
    for (NodeStatus n : nodes.values()) {
      out.put(
          n.id(),
          n.withContext(
              inputs.get(n.id()),
              boundary(n, idsByName),
              outbound.get(n.id()),
              memoization.get(n.id())));
    }
    return out;
  }

  /**
   * Argo's {@code boundaryID}: the nearest node whose name the node's name extends ({@code
   * wf[0].a(1)} extends {@code wf[0].a}, {@code wf[0]} and {@code wf}) and that runs a steps or DAG
   * template; null at the top.
   */
  private String boundary(NodeStatus node, Map<String, String> idsByName) {
    String name = node.name();
    if (node.type() == NodeType.Container) {
      // A container's boundary is its pod node, whose name it extends by `.<container>`.
      return idsByName.get(name.substring(0, name.lastIndexOf('.')));
    }
    for (String p = NodeNames.enclosing(name); p != null; p = NodeNames.enclosing(p)) {
      String id = idsByName.get(p);
      NodeStatus candidate = id == null ? null : nodes.get(id);
      if (candidate != null
          && (candidate.type() == NodeType.Steps || candidate.type() == NodeType.DAG)) {
        return candidate.id();
      }
    }
    return null;
  }

  /** Attempt nodes dropped from retry nodes below the root, all together. */
  public int omittedAttempts() {
    return omittedAttempts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** How many of the dropped pod nodes had Succeeded, all together. */
  public int omittedSucceeded() {
    return omittedSucceeded.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * Exports the parameters of {@code outputs} whose {@code declared} output has a {@code
   * globalName}, as Argo's {@code addParamToGlobalScope}: a name exported again keeps its place and
   * takes the new value (the last node to end wins).
   *
   * @return whether anything was exported
   */
  public boolean export(List<OutputParameter> declared, NodeOutputs outputs) {
    if (outputs == null) {
      return false;
    }
    boolean any = false;
    for (OutputParameter d : declared) {
      if (d.globalName() == null) {
        continue;
      }
      for (Parameter p : outputs.parameters()) {
        if (p.name().equals(d.name()) && p.value() != null) {
          exported.put(d.globalName(), p.value());
          any = true;
        }
      }
    }
    return any;
  }

  /**
   * Exports the artifacts of {@code outputs} whose {@code declared} output artifact has a {@code
   * globalName}, as Argo's {@code addArtifactToGlobalScope}: named by it, the last node to end
   * wins.
   *
   * @return whether anything was exported
   */
  public boolean exportArtifacts(List<dev.targo.argo.plan.Artifact> declared, NodeOutputs outputs) {
    if (outputs == null) {
      return false;
    }
    boolean any = false;
    for (dev.targo.argo.plan.Artifact d : declared) {
      if (d.globalName() == null) {
        continue;
      }
      for (dev.targo.argo.plan.Artifact a : outputs.artifacts()) {
        if (a.name().equals(d.name())) {
          exportedArtifacts.put(d.globalName(), a.exportedAs(d.globalName()));
          any = true;
        }
      }
    }
    return any;
  }

  /** Exports artifacts a child workflow exported, in its order. */
  public void exportArtifacts(List<dev.targo.argo.plan.Artifact> artifacts) {
    artifacts.forEach(a -> exportedArtifacts.put(a.name(), a));
  }

  /** The exported artifacts, as the workflow's {@code status.outputs.artifacts} lists them. */
  public List<dev.targo.argo.plan.Artifact> exportedArtifacts() {
    return List.copyOf(exportedArtifacts.values());
  }

  /** Exports parameters a child workflow exported, in its order. */
  public void export(List<Parameter> parameters) {
    parameters.forEach(p -> exported.put(p.name(), p.value()));
  }

  /** The exported parameters, as the workflow's {@code status.outputs.parameters} lists them. */
  public List<Parameter> exported() {
    List<Parameter> out = new ArrayList<>();
    exported.forEach((name, value) -> out.add(Parameter.of(name, value)));
    return out;
  }

  /** The exported parameters as variables, {@code workflow.outputs.parameters.<globalName>}. */
  public Map<String, String> exportedVariables() {
    Map<String, String> vars = new TreeMap<>();
    exported.forEach((name, value) -> vars.put(GLOBAL_PARAMETER + name, value));
    exportedArtifacts.forEach(
        (name, artifact) ->
            vars.put(GLOBAL_ARTIFACT + name, dev.targo.argo.Artifacts.reference(artifact)));
    return vars;
  }

  /** The variable prefix of exported output artifacts. */
  public static final String GLOBAL_ARTIFACT = "workflow.outputs.artifacts.";

  /** The variable prefix of exported output parameters. */
  public static final String GLOBAL_PARAMETER = "workflow.outputs.parameters.";

  /** The workflow status with these nodes. */
  public WorkflowStatus status(
      NodePhase phase, String message, Instant startedAt, Instant finishedAt) {
    int omitted = omittedAttempts();
    Map<String, NodeStatus> all = withContext();
    return new WorkflowStatus(
        phase,
        message,
        startedAt,
        finishedAt,
        WorkflowStatuses.progress(List.copyOf(all.values()), omitted, omittedSucceeded()),
        all,
        omitted == 0 ? null : omitted,
        null,
        exported.isEmpty() && exportedArtifacts.isEmpty()
            ? null
            : new NodeOutputs(null, null, exported(), exportedArtifacts()));
  }
}
