package dev.targo.translator;

import dev.targo.argo.ArgoDurations;
import dev.targo.argo.flow.DisplayNames;
import dev.targo.argo.memo.Memoization;
import dev.targo.argo.plan.Memoize;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.PodMetadata;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.retry.TemplateTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One raw template to a plan {@link Template}: the effective retry strategy (rule §7, for steps and
 * dag templates too), lint-time checks of its values, its steps or tasks, its outputs, and its
 * {@code {{…}}} references.
 */
final class TemplatePlanner {
  /** The longest {@code timeout} that still leaves Argo's pod no time at all. */
  private static final Duration SHORTEST_TIMEOUT = Duration.ofSeconds(2);

  private final Problems problems;
  private final References references;
  private final StepsPlanner steps;
  private final DagPlanner dags;
  private final OutputsPlanner outputs;
  private final ResourcePlanner resources;

  TemplatePlanner(Problems problems, Source source, Map<String, Raw.Template> templates) {
    this.problems = problems;
    this.references = new References(source, problems);
    Calls calls = new Calls(problems, source, templates);
    this.steps = new StepsPlanner(calls, references);
    this.dags = new DagPlanner(calls, references, problems, source);
    this.outputs = new OutputsPlanner(problems);
    this.resources = new ResourcePlanner(problems);
  }

  /**
   * The plan template, or null when it has no body targo runs (a problem was reported).
   *
   * @param workflowRetry {@code spec.retryStrategy}, used when the template has none of its own
   * @param workflowRetryStrings the strings of {@code spec.retryStrategy}
   * @param workflowVariables the {@code workflow.*} variables the workflow's metadata and arguments
   *     give ({@code workflow.parameters.NAME}, {@code workflow.labels.NAME}, …)
   * @param arguments the workflow's argument values by name, for the inputs of the entrypoint and
   *     the exit handler; null for other templates
   * @param role {@code entrypoint} or {@code exit handler} when {@code arguments} is not null
   * @param exitHandler true when the template is the exit handler or called from it
   */
  Template plan(
      Raw.Template raw,
      Raw.RetryStrategy workflowRetry,
      List<Str> workflowRetryStrings,
      Set<String> workflowVariables,
      Map<String, String> arguments,
      String role,
      boolean exitHandler) {
    List<Parameter> inputs = inputs(raw.inputs(), arguments, role);
    Set<String> inputNames = new LinkedHashSet<>();
    raw.inputs().forEach(p -> inputNames.add(p.name().value()));

    Raw.RetryStrategy retry = raw.retryStrategy() != null ? raw.retryStrategy() : workflowRetry;
    RetryCheck.check(retry, problems);
    List<Str> strings = new ArrayList<>(raw.strings());
    if (raw.retryStrategy() == null && workflowRetry != null) {
      strings.addAll(workflowRetryStrings);
    }
    Scope base = new Scope();
    base.names.addAll(References.FIXED);
    if (exitHandler) {
      base.names.addAll(References.EXIT_HANDLER);
    }
    base.exitHandler = exitHandler;
    inputNames.forEach(name -> base.names.add("inputs.parameters." + name));
    for (dev.targo.argo.plan.Artifact a : raw.inputArtifacts()) {
      base.names.add("inputs.artifacts." + a.name());
      base.names.add("inputs.artifacts." + a.name() + ".path");
    }
    for (dev.targo.argo.plan.Artifact a : raw.outputArtifacts()) {
      base.names.add("outputs.artifacts." + a.name() + ".path");
    }
    for (Raw.Output o : raw.outputs()) {
      if (o.path() != null) {
        base.names.add("outputs.parameters." + o.name().value() + ".path");
      }
    }
    base.names.addAll(workflowVariables);
    references.check(strings, base);

    Scope outputsScope = base.copy();
    TemplateBody body = null;
    if (raw.body() != null && raw.body().containerSet() != null) {
      body = new ContainerSetPlanner(problems).plan(raw.body().containerSet(), raw);
    } else if (raw.body() != null) {
      body = body(raw.body());
    } else if (raw.steps() != null) {
      body = steps.plan(raw.steps(), base, outputsScope);
    } else if (raw.dag() != null) {
      body = dags.plan(raw.dag(), base, outputsScope);
    } else if (raw.suspend() != null) {
      body = suspend(raw.suspend());
    } else if (raw.http() != null) {
      body = http(raw.http());
    } else if (raw.resource() != null) {
      body = resources.plan(raw.resource(), !raw.outputs().isEmpty());
    }
    references.check(raw.outputStrings(), outputsScope);
    boolean pod = raw.body() != null || (body == null && raw.resource() == null);
    // A resource template is a leaf, as a container: Argo runs it as a pod.
    boolean leaf = pod || raw.resource() != null;
    List<OutputParameter> outputParameters =
        outputs.plan(
            raw.outputs(),
            raw.resource() != null
                ? OutputsPlanner.Kind.RESOURCE
                : pod ? OutputsPlanner.Kind.POD : OutputsPlanner.Kind.FLOW,
            raw.suspend() != null ? raw.inputs() : null);
    String kind =
        raw.dag() != null
            ? "dag"
            : raw.suspend() != null
                ? "suspend"
                : raw.http() != null ? "http" : raw.resource() != null ? "resource" : "steps";
    oomGrowth(retry, body, pod ? null : kind);
    if (!pod) {
      List<Str> extensions =
          raw.suspend() == null ? RetryCheck.exclusionExtensions(retry) : List.of();
      for (Str used : extensions) {
        boolean type = used == retry.nodeAntiAffinityType();
        problems.add(
            used.pos(),
            Code.UNSUPPORTED,
            (type
                    ? "`nodeAntiAffinity.type: Preferred`"
                    : used == retry.exclusionExpression()
                        ? "`nodeAntiAffinity.expression`"
                        : used == retry.relaxAfter()
                            ? "`nodeAntiAffinity.relaxAfter`"
                            : "`nodeAntiAffinity.topologyKey`")
                + " is not supported by targo on a "
                + kind
                + " template yet (only container and script templates)"
                + (type ? "; use `Required` or leave `type` out" : ""));
      }
    }
    if (!leaf) {
      leafOnly(
          raw.activeDeadlineSeconds(),
          "`activeDeadlineSeconds` is only valid for leaf templates (container and script), not for"
              + " a "
              + kind
              + " template");
      leafOnly(
          raw.timeout(),
          "a "
              + kind
              + " template doesn't support the `timeout` field (only container and script"
              + " templates do)");
      leafOnly(
          raw.pendingTimeout(),
          "a "
              + kind
              + " template doesn't support the `pendingTimeout` field (only container and script"
              + " templates do)");
    }

    if (raw.isDaemon() && (raw.body() == null || raw.body().containerSet() != null)) {
      problems.add(
          raw.daemonPos(),
          Code.UNSUPPORTED,
          "`daemon` runs container and script templates in targo, not a "
              + (raw.body() == null ? kind : "containerSet")
              + " template");
    }
    checkActiveDeadline(raw.activeDeadlineSeconds());
    checkTimeout(raw.timeout());
    checkPendingTimeout(raw.pendingTimeout());
    if (raw.podSpecPatch() != null) {
      String problem = PodSpecPatchCheck.check(raw.podSpecPatch().value());
      if (problem != null) {
        problems.add(raw.podSpecPatch().pos(), Code.INVALID_VALUE, problem);
      }
    }
    Map<String, String> nodeSelector = Labels.check(raw.nodeSelector(), true, problems);
    ClusterAnnotations.check(raw.annotations(), raw.isPod(), problems);
    PodMetadata metadata =
        new PodMetadata(
            Labels.check(raw.labels(), true, problems),
            Labels.check(raw.annotations(), false, problems));
    if (body == null || raw.name() == null) {
      return null;
    }
    RetryStrategySpec retrySpec = RetryCheck.spec(retry);
    return new Template(
        raw.name().value(),
        body,
        inputs,
        retrySpec,
        text(raw.activeDeadlineSeconds()),
        text(raw.timeout()),
        nodeSelector,
        raw.affinity(),
        raw.tolerations(),
        metadata,
        text(raw.podSpecPatch()),
        text(raw.serviceAccountName()),
        outputParameters,
        parallelism(raw.parallelism(), problems),
        failFast(raw),
        raw.synchronization(),
        raw.body() != null ? raw.pod() : null,
        raw.inputArtifacts(),
        raw.outputArtifacts(),
        null,
        null,
        memoize(raw.memoize()),
        annotations(raw.templateAnnotations()),
        leaf ? text(raw.pendingTimeout()) : null,
        raw.isDaemon() ? Boolean.TRUE : null);
  }

  /**
   * The template's own {@code annotations}; a literal display name is checked as Argo checks it
   * when the node runs (the node would end Error); one with {@code {{…}}} is checked at run time.
   */
  private Map<String, String> annotations(Map<Str, Str> raw) {
    Map<String, String> annotations = new java.util.LinkedHashMap<>();
    raw.forEach(
        (key, value) -> {
          if (key.value().equals(Template.DISPLAY_NAME)
              && !value.value().isEmpty()
              && !value.templated()
              && !DisplayNames.VALID.matcher(value.value()).matches()) {
            problems.add(
                value.pos(),
                Code.INVALID_VALUE,
                "`"
                    + value.value()
                    + "`: "
                    + DisplayNames.INVALID_MESSAGE
                    + " (letters, digits, '-' and '.', at most 63, beginning and ending with a"
                    + " letter or digit)");
          }
          annotations.put(key.value(), value.value());
        });
    return annotations;
  }

  /**
   * {@code memoize} for the plan, its literal values checked as Argo checks them when the node runs
   * (a key its cache refuses, a {@code maxAge} Go cannot parse: the node would end Error) and a
   * cache name the API server would refuse; values with {@code {{…}}} are checked at run time.
   */
  private Memoize memoize(Raw.Memoize raw) {
    if (raw == null) {
      return null;
    }
    Str key = raw.key();
    if (key != null
        && !key.value().isEmpty()
        && !key.templated()
        && !Memoization.validKey(key.value())) {
      problems.add(
          key.pos(),
          Code.INVALID_VALUE,
          "invalid cache key: "
              + key.value()
              + " (`memoize.key` must start with a letter or digit and hold only letters, digits"
              + " and '-')");
    }
    Str maxAge = raw.maxAge();
    if (maxAge != null && !maxAge.templated()) {
      String problem = Memoization.maxAgeProblem(maxAge.value());
      if (problem != null) {
        problems.add(
            maxAge.pos(),
            Code.INVALID_VALUE,
            "`memoize.maxAge`: " + problem + " (a Go duration such as `180s` or `24h`)");
      }
    }
    Str cache = raw.cache();
    if (cache != null && !cache.value().isEmpty() && !cache.templated()) {
      String problem = KubeNames.configMapName(cache.value());
      if (problem != null) {
        problems.add(cache.pos(), Code.INVALID_VALUE, "`memoize.cache.configMap.name`: " + problem);
      }
    }
    return new Memoize(text(key), text(maxAge), text(cache));
  }

  /**
   * A template's {@code failFast} (Argo's {@code IsFailFast}: only an explicit true counts): on a
   * steps template no child starts once one failed; a DAG has its own {@code dag.failFast}.
   */
  private Boolean failFast(Raw.Template raw) {
    Boolean f = raw.failFast();
    if (f == null) {
      return null;
    }
    if (raw.steps() == null) {
      problems.add(
          raw.failFastPos(),
          Code.UNSUPPORTED,
          "a template's `failFast` is supported on steps templates; a DAG stops with"
              + " `dag.failFast`");
      return null;
    }
    return f ? Boolean.TRUE : null;
  }

  /**
   * {@code parallelism}: Argo's {@code int64}, so no {@code {{…}}}; targo asks for at least 1, as a
   * limit of 0 or less would never start a child and leave the node Running for ever.
   */
  static Integer parallelism(Str raw, Problems problems) {
    if (raw == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(raw.value().strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(
        raw.pos(),
        Code.INVALID_VALUE,
        "`parallelism` must be a whole number of at least 1, not `" + raw.value() + "`");
    return null;
  }

  /**
   * Argo's validation rejects {@code activeDeadlineSeconds} and {@code timeout} on steps and DAG
   * templates (its operator would never apply them there: the first goes into a pod spec, the
   * second ends only a node still Pending, which a steps or DAG node never is).
   */
  private void leafOnly(Str s, String message) {
    if (s != null) {
      problems.add(s.pos(), Code.INVALID_VALUE, message);
    }
  }

  /** A literal {@code suspend.duration} must parse as Argo's {@code ParseStringToDuration}. */
  private TemplateBody suspend(Raw.Suspend suspend) {
    Str duration = suspend.duration();
    if (duration != null && !duration.templated()) {
      try {
        ArgoDurations.parse(duration.value());
      } catch (IllegalArgumentException e) {
        problems.add(duration.pos(), Code.INVALID_VALUE, "`suspend.duration`: " + e.getMessage());
      }
    }
    return new TemplateBody.SuspendBody(text(duration));
  }

  /** {@code http}: a literal {@code timeoutSeconds} is a whole number of seconds, 1 or more. */
  private TemplateBody http(Raw.Http http) {
    Long timeout = null;
    Str t = http.timeoutSeconds();
    if (t != null) {
      try {
        timeout = Long.parseLong(t.value().strip());
      } catch (NumberFormatException e) {
        timeout = null;
      }
      if (timeout == null || timeout < 1) {
        problems.add(
            t.pos(),
            Code.INVALID_VALUE,
            "`http.timeoutSeconds` must be a whole number of seconds, 1 or more, not `"
                + t.value()
                + "`");
        timeout = null;
      }
    }
    if (http.successCondition() != null && !http.successCondition().templated()) {
      try {
        dev.targo.argo.expr.Expr.parse(http.successCondition().value());
      } catch (dev.targo.argo.expr.ExprException e) {
        problems.add(
            http.successCondition().pos(),
            Code.INVALID_VALUE,
            "`http.successCondition` is not a valid expression: " + e.getMessage());
      }
    }
    List<dev.targo.argo.plan.HttpSpec.Header> headers = new java.util.ArrayList<>();
    for (Str[] h : http.headers()) {
      headers.add(
          new dev.targo.argo.plan.HttpSpec.Header(
              text(h[0]), text(h[1]) == null ? "" : text(h[1])));
    }
    return new TemplateBody.HttpBody(
        new dev.targo.argo.plan.HttpSpec(
            text(http.method()),
            text(http.url()),
            headers,
            text(http.body()),
            timeout,
            text(http.successCondition()),
            Boolean.TRUE.equals(http.insecureSkipVerify())));
  }

  private static TemplateBody body(Raw.Body body) {
    if (body.script()) {
      return new TemplateBody.ScriptBody(
          body.container(), body.source() == null ? "" : body.source().value());
    }
    return new TemplateBody.ContainerBody(body.container());
  }

  /**
   * Input parameters; for the entrypoint ({@code arguments} not null) each takes the workflow
   * argument of its name, else its own value, else its default, as Argo passes arguments.
   */
  private List<Parameter> inputs(
      List<Raw.Parameter> raw, Map<String, String> arguments, String role) {
    List<Parameter> inputs = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Raw.Parameter p : raw) {
      String name = p.name().value();
      String invalid = KubeNames.parameterName(name);
      if (invalid != null) {
        problems.add(p.name().pos(), Code.INVALID_VALUE, invalid);
      }
      if (!names.add(name)) {
        problems.add(
            p.name().pos(),
            Code.DUPLICATE_NAME,
            "input parameter `" + name + "` is declared twice");
      }
      String value = text(p.value());
      if (arguments != null) {
        String argument = arguments.get(name);
        value = argument != null ? argument : value != null ? value : text(p.defaultValue());
        // An argument without a value (valueFrom, or none: reported there) is not reported twice.
        if (value == null && !p.valueFrom() && !arguments.containsKey(name)) {
          problems.add(
              p.name().pos(),
              Code.MISSING_VALUE,
              "inputs.parameters."
                  + name
                  + " was not supplied: the "
                  + role
                  + "'s input needs a workflow argument, a value or a default");
        }
      }
      List<String> enumValues =
          p.enumValues() == null ? List.of() : p.enumValues().stream().map(Str::value).toList();
      inputs.add(
          new Parameter(
              name,
              value,
              text(p.defaultValue()),
              text(p.description()),
              enumValues,
              p.configMap()));
    }
    return inputs;
  }

  private void checkActiveDeadline(Str s) {
    if (s == null || s.templated()) {
      return;
    }
    boolean valid;
    try {
      valid = Long.parseLong(s.value()) >= 0;
    } catch (NumberFormatException e) {
      valid = false;
    }
    if (!valid) {
      problems.add(
          s.pos(),
          Code.INVALID_VALUE,
          "`activeDeadlineSeconds` must be a non-negative integer or a `{{…}}` variable, not `"
              + s.value()
              + "`");
    }
  }

  /**
   * A literal {@code timeout} must be a duration, and longer than 2s: Argo gives the pod the whole
   * seconds left after the build, which comes a moment after the node's start, and refuses a pod
   * with 1 or less (the node ends Error, {@code <node> exceeded its deadline}), so such a template
   * can never run.
   */
  private void checkTimeout(Str s) {
    if (s == null || s.templated()) {
      return;
    }
    Duration timeout;
    try {
      timeout = ArgoDurations.parse(s.value());
    } catch (IllegalArgumentException e) {
      problems.add(s.pos(), Code.INVALID_VALUE, "`timeout`: " + e.getMessage());
      return;
    }
    if (timeout.compareTo(SHORTEST_TIMEOUT) <= 0) {
      problems.add(
          s.pos(),
          Code.INVALID_VALUE,
          "`timeout` of "
              + s.value()
              + " leaves the pod no time: Argo gives it the whole seconds left after it is"
              + " created and ends the node Error (`<node> exceeded its deadline`) when that is 1"
              + " or less; use more than 2s");
    }
  }

  /**
   * A literal {@code pendingTimeout} must parse as Argo's {@code ParseStringToDuration} (a bare
   * integer is seconds); otherwise Argo ends the node with {@code invalid timeout format …}.
   */
  private void checkPendingTimeout(Str s) {
    if (s == null || s.templated()) {
      return;
    }
    try {
      TemplateTimeouts.pendingDeadline(s.value(), java.time.Instant.EPOCH);
    } catch (IllegalArgumentException e) {
      problems.add(s.pos(), Code.INVALID_VALUE, "`pendingTimeout`: " + e.getMessage());
    }
  }

  private static String text(Str s) {
    return s == null ? null : s.value();
  }

  /**
   * targo's {@code onOOMKilled} needs a container or script template whose main container has a
   * {@code resources.limits.memory} to grow.
   *
   * @param flowKind the kind of a template without a pod ({@code steps}, {@code dag}, …), or null
   */
  private void oomGrowth(Raw.RetryStrategy retry, TemplateBody body, String flowKind) {
    if (retry == null || retry.onOOMKilled() == null) {
      return;
    }
    Pos at = retry.onOOMKilled().pos();
    String kind =
        flowKind != null
            ? flowKind
            : body instanceof TemplateBody.ContainerSetBody ? "containerSet" : null;
    if (kind != null) {
      problems.add(
          at,
          Code.UNSUPPORTED,
          "`retryStrategy.onOOMKilled` is not supported by targo on a "
              + kind
              + " template yet (only container and script templates)");
      return;
    }
    var resources = body == null || body.container() == null ? null : body.container().resources();
    if (resources == null || !resources.path("limits").path("memory").isValueNode()) {
      problems.add(
          at,
          Code.MISSING_FIELD,
          "`retryStrategy.onOOMKilled` grows the main container's memory limit, but the template"
              + " sets no `resources.limits.memory`");
    }
  }
}
