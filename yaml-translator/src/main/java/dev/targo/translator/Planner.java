package dev.targo.translator;

import dev.targo.argo.ArgoDurations;
import dev.targo.argo.plan.LifecycleHook;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.PodFields;
import dev.targo.argo.plan.PodGc;
import dev.targo.argo.plan.PodMetadata;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.plan.TtlStrategy;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.pod.Clusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The second layer: a raw workflow to a {@link WorkflowPlan}, applying Argo's rules (argument
 * values and overrides, the entrypoint's inputs, rule §7 for retry strategies) and reporting every
 * value Argo or Kubernetes would reject. Returns null when anything was reported.
 */
final class Planner {
  private static final Set<String> OTHER_KINDS =
      Set.of("WorkflowEventBinding", "WorkflowTaskSet", "WorkflowArtifactGCTask");

  private final Problems problems;
  private final Source source;
  private final boolean templateDocument;

  Planner(Problems problems, Source source) {
    this(problems, source, false);
  }

  /**
   * A planner for a {@code WorkflowTemplate} or {@code ClusterWorkflowTemplate} when {@code
   * template}: checked as Argo's {@code ValidateWorkflowTemplate} does, with no entrypoint required
   * and the entrypoint's inputs left to whoever submits it; nothing is planned.
   */
  Planner(Problems problems, Source source, boolean template) {
    this.problems = problems;
    this.source = source;
    this.templateDocument = template;
  }

  WorkflowPlan plan(Raw.Workflow raw, Map<String, String> overrides) {
    checkHeader(raw);
    String kind = raw.kind() == null ? null : raw.kind().value();
    boolean expected =
        templateDocument
            ? Document.WORKFLOW_TEMPLATE.equals(kind)
                || Document.CLUSTER_WORKFLOW_TEMPLATE.equals(kind)
            : Document.WORKFLOW.equals(kind);
    if (kind != null && !expected) {
      return null;
    }
    Raw.Metadata m = raw.metadata();
    checkMetadata(m);
    Map<String, String> labels = m == null ? Map.of() : Labels.check(m.labels(), true, problems);
    Map<String, String> annotations =
        m == null ? Map.of() : Labels.check(m.annotations(), false, problems);
    Raw.Spec spec = raw.spec();
    if (spec == null) {
      // Absent or not a mapping: the reader has reported which.
      return null;
    }
    List<Parameter> arguments = Arguments.resolve(spec.arguments(), overrides, problems);
    Arguments.checkUnread(spec, overrides, source.text(), problems);
    Map<String, String> argumentValues = new LinkedHashMap<>();
    arguments.forEach(p -> argumentValues.put(p.name(), p.effectiveValue()));
    labels =
        WorkflowMetadataPlanner.labels(labels, spec.workflowMetadata(), argumentValues, problems);
    annotations =
        WorkflowMetadataPlanner.annotations(annotations, spec.workflowMetadata(), problems);
    Map<String, Template> templates = templates(spec, argumentValues, labels, annotations);
    Long activeDeadlineSeconds = activeDeadlineSeconds(spec.activeDeadlineSeconds());
    PodGc podGc = podGc(spec);
    Integer parallelism = TemplatePlanner.parallelism(spec.parallelism(), problems);
    Integer priority = priority(spec.priority());
    List<LifecycleHook> hooks = hooks(spec);
    TtlStrategy ttl = ttlStrategy(spec.ttlStrategy());
    if (!problems.isEmpty() || templateDocument) {
      return null;
    }
    return new WorkflowPlan(
        text(m.name()),
        text(m.generateName()),
        text(m.namespace()),
        labels,
        annotations,
        spec.entrypoint().value(),
        arguments,
        templates,
        activeDeadlineSeconds,
        podGc,
        text(spec.serviceAccountName()),
        text(spec.onExit()),
        spec.synchronization(),
        parallelism,
        priority,
        Boolean.TRUE.equals(spec.suspend()) ? Boolean.TRUE : null,
        ttl,
        hooks);
  }

  /**
   * {@code spec.hooks}: each names an existing template and passes what it needs; every hook but
   * {@code exit} needs an {@code expression} (Argo's {@code Expression required for hook}), which
   * must parse.
   */
  private List<LifecycleHook> hooks(Raw.Spec spec) {
    Map<String, Raw.Template> byName = new LinkedHashMap<>();
    spec.templates().forEach(t -> byName.putIfAbsent(t.name() == null ? "" : t.name().value(), t));
    Calls calls = new Calls(problems, source, byName);
    List<LifecycleHook> out = new ArrayList<>();
    for (Raw.WorkflowHook h : spec.hooks()) {
      String what = "hook `" + h.name() + "`";
      if (h.template() == null || h.template().value().isEmpty()) {
        problems.add(h.pos(), Code.MISSING_FIELD, what + " needs a `template`");
        continue;
      }
      Raw.Template called = calls.called(h.template(), true);
      boolean exit = h.name().equals(LifecycleHook.EXIT);
      if (!exit && (h.expression() == null || h.expression().value().isEmpty())) {
        problems.add(h.pos(), Code.MISSING_FIELD, what + " needs an `expression`");
      } else if (!exit) {
        Calls.hookExpression(problems, h.expression(), what);
      }
      List<Parameter> arguments =
          h.arguments() == null ? null : calls.arguments(h.arguments(), called, h.template(), what);
      out.add(
          new LifecycleHook(
              h.name(), h.template().value(), arguments, exit ? null : text(h.expression())));
    }
    return out;
  }

  /** {@code spec.ttlStrategy}: Argo's {@code int32} seconds, none negative; null when absent. */
  private TtlStrategy ttlStrategy(Raw.TtlStrategy raw) {
    if (raw == null) {
      return null;
    }
    return new TtlStrategy(
        seconds("secondsAfterCompletion", raw.secondsAfterCompletion()),
        seconds("secondsAfterSuccess", raw.secondsAfterSuccess()),
        seconds("secondsAfterFailure", raw.secondsAfterFailure()));
  }

  private Integer seconds(String field, Str raw) {
    if (raw == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(raw.value().strip());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        raw.pos(),
        Code.INVALID_VALUE,
        "`ttlStrategy."
            + field
            + "` must be a whole number of seconds, 0 or more, not `"
            + raw.value()
            + "`");
    return null;
  }

  /**
   * {@code spec.priority}: Argo's {@code int32}, so a whole number in its range and no {@code
   * {{…}}}.
   */
  private Integer priority(Str raw) {
    if (raw == null) {
      return null;
    }
    try {
      return Integer.parseInt(raw.value().strip());
    } catch (NumberFormatException e) {
      problems.add(
          raw.pos(),
          Code.INVALID_VALUE,
          "`priority` must be a whole number from "
              + Integer.MIN_VALUE
              + " to "
              + Integer.MAX_VALUE
              + ", not `"
              + raw.value()
              + "`");
      return null;
    }
  }

  private void checkHeader(Raw.Workflow raw) {
    if (raw.apiVersion() == null) {
      problems.add(
          Pos.START, Code.MISSING_FIELD, "`apiVersion` is required (argoproj.io/v1alpha1)");
    } else if (!raw.apiVersion().value().equals("argoproj.io/v1alpha1")) {
      problems.add(
          raw.apiVersion().pos(),
          Code.INVALID_VALUE,
          "`apiVersion` must be `argoproj.io/v1alpha1`, not `" + raw.apiVersion().value() + "`");
    }
    Str kind = raw.kind();
    if (kind == null) {
      problems.add(Pos.START, Code.MISSING_FIELD, "`kind` is required (Workflow)");
    } else if (!templateDocument && isTemplateKind(kind)) {
      problems.add(
          kind.pos(),
          Code.INVALID_VALUE,
          "a `"
              + kind.value()
              + "` does not run by itself: create it with `targo "
              + (kind.value().equals(Document.WORKFLOW_TEMPLATE) ? "template" : "cluster-template")
              + " create`, then submit a Workflow whose `workflowTemplateRef` or `templateRef`"
              + " names it (or `targo submit --from`)");
    } else if (kind.value().equals(CronReader.KIND)) {
      problems.add(
          kind.pos(),
          Code.INVALID_VALUE,
          "a `CronWorkflow` does not run by itself: create its schedule with `targo cron create`");
    } else if (OTHER_KINDS.contains(kind.value())) {
      problems.add(
          kind.pos(),
          Code.UNSUPPORTED,
          "`kind: "
              + kind.value()
              + "` is valid Argo but not supported by targo yet; targo runs `kind: Workflow`");
    } else if (!kind.value().equals(Document.WORKFLOW) && !isTemplateKind(kind)) {
      problems.add(
          kind.pos(),
          Code.INVALID_VALUE,
          "`kind` must be `Workflow`, not `"
              + kind.value()
              + "`"
              + Suggest.didYouMean(kind.value(), List.of("Workflow")));
    }
  }

  private static boolean isTemplateKind(Str kind) {
    return kind.value().equals(Document.WORKFLOW_TEMPLATE)
        || kind.value().equals(Document.CLUSTER_WORKFLOW_TEMPLATE);
  }

  private void checkMetadata(Raw.Metadata m) {
    if (m == null) {
      // Absent or not a mapping: the reader has reported which.
      return;
    }
    if (m.name() == null && m.generateName() == null) {
      problems.add(
          m.pos(), Code.MISSING_FIELD, "`metadata.name` or `metadata.generateName` is required");
    }
    check(m.name(), KubeNames::workflowName);
    check(m.generateName(), KubeNames::generateName);
    check(m.namespace(), KubeNames::namespace);
  }

  private void check(Str s, java.util.function.Function<String, String> rule) {
    String problem = s == null ? null : rule.apply(s.value());
    if (problem != null) {
      problems.add(s.pos(), Code.INVALID_VALUE, problem);
    }
  }

  private Map<String, Template> templates(
      Raw.Spec spec,
      Map<String, String> arguments,
      Map<String, String> labels,
      Map<String, String> annotations) {
    Set<String> names = new LinkedHashSet<>();
    for (Raw.Template t : spec.templates()) {
      if (t.name() == null) {
        continue;
      }
      check(t.name(), KubeNames::templateName);
      if (!names.add(t.name().value())) {
        problems.add(
            t.name().pos(),
            Code.DUPLICATE_NAME,
            "template name `" + t.name().value() + "` is already used by an earlier template");
      }
    }
    Str entrypoint = spec.entrypoint();
    if (entrypoint == null || entrypoint.value().isEmpty()) {
      if (!templateDocument) {
        problems.add(spec.pos(), Code.MISSING_FIELD, "`spec.entrypoint` is required");
      }
    } else if (!spec.templates().isEmpty() && !names.contains(entrypoint.value())) {
      problems.add(
          entrypoint.pos(),
          Code.UNKNOWN_TEMPLATE,
          "`spec.entrypoint` names template `"
              + entrypoint.value()
              + "`, which does not exist"
              + Suggest.didYouMean(entrypoint.value(), names));
    }
    Str onExit = spec.onExit();
    if (onExit != null && !onExit.value().isEmpty() && !names.contains(onExit.value())) {
      problems.add(
          onExit.pos(),
          Code.UNKNOWN_TEMPLATE,
          "`spec.onExit` names template `"
              + onExit.value()
              + "`, which does not exist"
              + Suggest.didYouMean(onExit.value(), names));
    }
    RetryCheck.check(spec.retryStrategy(), problems);
    Map<String, Raw.Template> byName = new LinkedHashMap<>();
    for (Raw.Template t : spec.templates()) {
      if (t.name() != null) {
        byName.putIfAbsent(t.name().value(), t);
      }
    }
    Str exitTemplate =
        onExit != null && !onExit.value().isEmpty()
            ? onExit
            : spec.hooks().stream()
                .filter(h -> h.name().equals(LifecycleHook.EXIT))
                .map(Raw.WorkflowHook::template)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    Set<String> exitTree =
        exitTemplate == null ? Set.of() : reachable(exitTemplate.value(), byName);
    TemplatePlanner planner = new TemplatePlanner(problems, source, byName);
    PodMetadata podMetadata =
        new PodMetadata(
            Labels.check(spec.podLabels(), true, problems),
            Labels.check(spec.podAnnotations(), false, problems));
    ClusterAnnotations.check(spec.podAnnotations(), true, problems);
    Set<String> workflowVariables = new LinkedHashSet<>();
    arguments.keySet().forEach(n -> workflowVariables.add("workflow.parameters." + n));
    if (templateDocument) {
      workflowVariables.add(Scope.ANY_WORKFLOW_PARAMETER);
    }
    labels.keySet().forEach(n -> workflowVariables.add("workflow.labels." + n));
    annotations.keySet().forEach(n -> workflowVariables.add("workflow.annotations." + n));
    if (annotations.containsKey(References.SCHEDULED_TIME_ANNOTATION)) {
      workflowVariables.add("workflow.scheduledTime");
    }
    // Argo's validator: every output parameter's globalName is a workflow variable of every
    // template; its value is known only once the node that exports it has ended.
    for (Raw.Template t : spec.templates()) {
      for (Raw.Output o : t.outputs()) {
        if (o.globalName() != null) {
          workflowVariables.add(OutputsPlanner.GLOBAL_PARAMETER + o.globalName().value());
        }
      }
      for (dev.targo.argo.plan.Artifact a : t.outputArtifacts()) {
        if (a.globalName() != null) {
          workflowVariables.add(dev.targo.argo.status.NodeTree.GLOBAL_ARTIFACT + a.globalName());
        }
      }
    }
    if (spec.priority() != null) {
      // Argo's validator and controller define it only when spec.priority is set.
      workflowVariables.add(References.PRIORITY);
    }
    Map<String, Template> templates = new LinkedHashMap<>();
    for (Raw.Template t : spec.templates()) {
      boolean first = t.name() != null && byName.get(t.name().value()) == t;
      String name = t.name() == null ? null : t.name().value();
      boolean isEntrypoint = first && entrypoint != null && name.equals(entrypoint.value());
      boolean isExitHandler = first && onExit != null && name.equals(onExit.value());
      Template template =
          planner.plan(
              t,
              spec.retryStrategy(),
              spec.retryStrategyStrings(),
              workflowVariables,
              (isEntrypoint && !templateDocument) || isExitHandler ? arguments : null,
              isEntrypoint ? "entrypoint" : "exit handler",
              first && exitTree.contains(name));
      Boolean archiveLogs = t.archiveLogs() != null ? t.archiveLogs() : spec.archiveLogs();
      if (template != null && t.isPod() && Boolean.TRUE.equals(archiveLogs)) {
        // Argo's wait container saves the main container's log (executor.go SaveLogs).
        template = template.withArchiveLogs(true);
      }
      if (template != null && t.isPod() && spec.artifactRepositoryRef() != null) {
        template = template.withArtifactRepositoryRef(spec.artifactRepositoryRef());
      }
      if (template != null && isEntrypoint && !templateDocument) {
        template = entrypointArtifacts(template, t, spec.argumentArtifacts());
      }
      if (template != null) {
        templates.putIfAbsent(template.name(), withWorkflowPodFields(template, spec, podMetadata));
      }
    }
    return templates;
  }

  /**
   * The entrypoint's {@code inputs.artifacts} located by {@code spec.arguments.artifacts} of the
   * same name, as Argo's {@code ProcessArgs} binds them; an input with no location and no argument
   * is a problem (validate.go: {@code inputs.artifacts.X was not supplied}).
   */
  private Template entrypointArtifacts(
      Template template, Raw.Template raw, List<dev.targo.argo.plan.Artifact> arguments) {
    List<dev.targo.argo.plan.Artifact> bound = new ArrayList<>();
    for (dev.targo.argo.plan.Artifact input : template.inputArtifacts()) {
      dev.targo.argo.plan.Artifact located = input;
      for (dev.targo.argo.plan.Artifact arg : arguments) {
        if (arg.name().equals(input.name()) && arg.hasLocation()) {
          located = input.locatedAt(arg);
        }
      }
      if (!located.hasLocation()
          && !located.mayBeMissing()
          && !raw.foreignInputs().contains(input.name())) {
        problems.add(
            raw.pos(),
            Code.MISSING_VALUE,
            "inputs.artifacts."
                + input.name()
                + " was not supplied: the entrypoint's input artifact needs a workflow argument or"
                + " a location (`raw`, `s3`)");
      }
      bound.add(located);
    }
    return template.withInputArtifacts(bound);
  }

  /** The template named {@code root} and every template its steps and tasks call, transitively. */
  private static Set<String> reachable(String root, Map<String, Raw.Template> byName) {
    Set<String> found = new LinkedHashSet<>();
    List<String> pending = new ArrayList<>(List.of(root));
    while (!pending.isEmpty()) {
      String name = pending.remove(0);
      Raw.Template t = byName.get(name);
      if (t == null || !found.add(name)) {
        continue;
      }
      if (t.steps() != null) {
        t.steps()
            .forEach(
                g -> g.forEach(s -> pending.add(s.template() == null ? "" : s.template().value())));
      }
      if (t.dag() != null) {
        t.dag().tasks().forEach(k -> pending.add(k.template() == null ? "" : k.template().value()));
      }
    }
    return found;
  }

  private Long activeDeadlineSeconds(Str s) {
    if (s == null) {
      return null;
    }
    try {
      long value = Long.parseLong(s.value());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        s.pos(),
        Code.INVALID_VALUE,
        "`spec.activeDeadlineSeconds` must be a non-negative integer, not `" + s.value() + "`");
    return null;
  }

  /**
   * A container or script template with the workflow's pod fields combined in as Argo builds its
   * pod: {@code spec.podMetadata} under the template's {@code metadata} ({@code addMetadata}), the
   * workflow's pod settings under the template's ({@link PodFields#under}).
   */
  private static Template withWorkflowPodFields(
      Template template, Raw.Spec spec, PodMetadata podMetadata) {
    if (!(template.body() instanceof TemplateBody.PodBody)) {
      return template;
    }
    Map<String, String> labels = new LinkedHashMap<>(podMetadata.labels());
    labels.putAll(template.metadata().labels());
    Map<String, String> annotations = new LinkedHashMap<>(podMetadata.annotations());
    if (Clusters.named(template.metadata().annotations())) {
      // targo's clusters: a template that names its cluster(s) replaces the workflow's default
      // whole, so that it never ends up with both annotations.
      annotations.remove(Clusters.CLUSTER);
      annotations.remove(Clusters.CLUSTERS);
    }
    annotations.putAll(template.metadata().annotations());
    return template
        .withMetadata(new PodMetadata(labels, annotations))
        .withPod(template.podFields().under(spec.pod()));
  }

  /** {@code spec.podGC}, or null for targo's default. */
  private PodGc podGc(Raw.Spec spec) {
    Str delay = spec.podGcDelay();
    if (delay != null) {
      try {
        ArgoDurations.parse(delay.value());
      } catch (IllegalArgumentException e) {
        problems.add(delay.pos(), Code.INVALID_VALUE, "`deleteDelayDuration`: " + e.getMessage());
      }
    }
    PodGc.Strategy strategy = podGcStrategy(spec.podGcStrategy());
    if (strategy == null && spec.podGcLabelSelector() == null && delay == null) {
      return null;
    }
    return new PodGc(strategy, spec.podGcLabelSelector(), text(delay));
  }

  private PodGc.Strategy podGcStrategy(Str strategy) {
    if (strategy == null || strategy.value().isEmpty()) {
      return null;
    }
    for (PodGc.Strategy s : PodGc.Strategy.values()) {
      if (s.name().equals(strategy.value())) {
        return s;
      }
    }
    List<String> names = new ArrayList<>();
    for (PodGc.Strategy s : PodGc.Strategy.values()) {
      names.add(s.name());
    }
    problems.add(
        strategy.pos(),
        Code.INVALID_VALUE,
        "podGC.strategy unknown strategy '"
            + strategy.value()
            + "' (one of "
            + String.join(", ", names)
            + ")"
            + Suggest.didYouMean(strategy.value(), names));
    return null;
  }

  private static String text(Str s) {
    return s == null ? null : s.value();
  }
}
