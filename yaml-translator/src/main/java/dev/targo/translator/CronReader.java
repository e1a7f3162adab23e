package dev.targo.translator;

import dev.targo.argo.CronExpressions;
import dev.targo.argo.CronStopStrategy;
import dev.targo.argo.CronWhen;
import dev.targo.argo.expr.ExprException;
import dev.targo.argo.plan.CronSpec;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a {@code CronWorkflow} document as Argo's {@code validate.CronWorkflow} checks it: a name
 * of at most 52 characters (runs append {@code -<unix seconds>}), at least one schedule, each a
 * standard cron expression ({@link CronExpressions}), a known time zone, a concurrency policy of
 * {@code Allow}, {@code Forbid} or {@code Replace}, a non-negative starting deadline, a stop
 * strategy's expression over Argo's {@code cronworkflow.*} variables ({@link CronStopStrategy}), a
 * {@code when} over them ({@link CronWhen}); and its {@code workflowSpec} as the spec of a Workflow
 * named after it ({@code ConvertCronWorkflowToWorkflow}), translated by the same path as any
 * workflow.
 */
final class CronReader {
  static final String KIND = "CronWorkflow";

  /** Argo's label on each workflow a cron workflow starts: the cron workflow's name. */
  static final String RUN_LABEL = "workflows.argoproj.io/cron-workflow";

  private static final int MAX_NAME = 52;
  private static final Set<String> POLICIES = Set.of("Allow", "Forbid", "Replace");

  /**
   * The schedule and the workflow document it starts, or null when the cron fields have problems
   * (added to {@code problems}).
   */
  record Read(CronSpec cron, Document workflow) {}

  private CronReader() {}

  static Read read(Document document, Problems problems) {
    Reader reader = new Reader(problems);
    Obj root = reader.object(document.root(), Pos.START, "the document", Schemas.CRON_ROOT);
    if (root == null) {
      return null;
    }
    Obj metadata = reader.object(root, "metadata", Schemas.METADATA);
    Str name = metadata == null ? null : reader.text(metadata, "name");
    if (metadata == null || Obj.missing(metadata, "name", name)) {
      problems.add(
          metadata == null ? Pos.START : metadata.owner(),
          Code.MISSING_FIELD,
          "a CronWorkflow needs `metadata.name`");
    } else if (name.value().length() > MAX_NAME) {
      problems.add(
          name.pos(),
          Code.INVALID_VALUE,
          "cron workflow name \""
              + name.value()
              + "\" must not be more than 52 characters long (currently "
              + name.value().length()
              + ")");
    }
    Str namespace = metadata == null ? null : reader.text(metadata, "namespace");
    Obj spec = reader.object(root, "spec", Schemas.CRON_SPEC);
    if (spec == null) {
      if (!root.has("spec")) {
        problems.add(Pos.START, Code.MISSING_FIELD, "`spec` is required");
      }
      return null;
    }
    List<String> schedules = schedules(reader, spec, problems);
    Str timezone = reader.text(spec, "timezone");
    if (timezone != null && !timezone.value().isEmpty()) {
      try {
        ZoneId.of(timezone.value());
      } catch (DateTimeException e) {
        problems.add(
            timezone.pos(),
            Code.INVALID_VALUE,
            "invalid timezone \"" + timezone.value() + "\": unknown time zone " + timezone.value());
      }
    }
    Str policy = reader.text(spec, "concurrencyPolicy");
    if (policy != null && !policy.value().isEmpty() && !POLICIES.contains(policy.value())) {
      problems.add(
          policy.pos(),
          Code.INVALID_VALUE,
          "'"
              + policy.value()
              + "' is not a valid concurrencyPolicy (Allow, Forbid or Replace)"
              + Suggest.didYouMean(policy.value(), POLICIES));
    }
    Long deadline = number(reader, spec, "startingDeadlineSeconds", problems);
    if (deadline != null && deadline < 0) {
      problems.add(
          spec.keyPos("startingDeadlineSeconds"),
          Code.INVALID_VALUE,
          "startingDeadlineSeconds must be positive");
    }
    Long succeeded = number(reader, spec, "successfulJobsHistoryLimit", problems);
    Long failed = number(reader, spec, "failedJobsHistoryLimit", problems);
    Boolean suspend = reader.bool(spec, "suspend");
    String stopStrategy = stopStrategy(reader, spec, problems);
    Str when = reader.text(spec, "when");
    String whenProblem =
        when == null || when.value().isEmpty() ? null : CronWhen.problem(when.value());
    if (whenProblem != null) {
      problems.add(when.pos(), Code.INVALID_VALUE, "`when`: " + whenProblem);
    }
    Node workflowSpec = spec.value("workflowSpec");
    if (workflowSpec == null) {
      problems.add(spec.owner(), Code.MISSING_FIELD, "`workflowSpec` is required");
      return null;
    }
    if (name == null) {
      return null;
    }
    CronSpec cron =
        new CronSpec(
            name.value(),
            namespace == null ? null : namespace.value(),
            schedules,
            timezone == null || timezone.value().isEmpty() ? null : timezone.value(),
            policy == null || policy.value().isEmpty() ? null : policy.value(),
            deadline,
            succeeded == null ? 3 : succeeded.intValue(),
            failed == null ? 1 : failed.intValue(),
            Boolean.TRUE.equals(suspend),
            stopStrategy,
            when == null || when.value().isEmpty() ? null : when.value());
    return new Read(cron, workflow(document, root, name, namespace, workflowSpec));
  }

  /**
   * {@code stopStrategy.expression} (Argo requires it once {@code stopStrategy} is written),
   * checked over the {@code cronworkflow.*} variables; null when absent or wrong.
   */
  private static String stopStrategy(Reader reader, Obj spec, Problems problems) {
    Obj stop = reader.object(spec, "stopStrategy", Schemas.CRON_STOP_STRATEGY);
    if (stop == null) {
      return null;
    }
    Str expression = reader.text(stop, "expression");
    if (expression == null || expression.value().isEmpty()) {
      problems.add(
          expression == null ? stop.owner() : expression.pos(),
          Code.MISSING_FIELD,
          "`stopStrategy.expression` is required");
      return null;
    }
    try {
      CronStopStrategy.check(expression.value());
      return expression.value();
    } catch (ExprException e) {
      problems.add(
          expression.pos(),
          Code.INVALID_VALUE,
          "`stopStrategy.expression` is not a valid expression: " + e.shortText());
      return null;
    }
  }

  /** {@code schedules}, or the older {@code schedule}; each must parse. */
  private static List<String> schedules(Reader reader, Obj spec, Problems problems) {
    List<Str> written = new ArrayList<>();
    Str single = reader.text(spec, "schedule");
    if (single != null && !single.value().isEmpty()) {
      written.add(single);
    }
    for (Node item : reader.list(spec, "schedules")) {
      Str s = reader.text(item, "each item of `schedules`");
      if (s != null) {
        written.add(s);
      }
    }
    if (written.isEmpty() && !spec.has("schedules") && !spec.has("schedule")) {
      problems.add(
          spec.owner(), Code.MISSING_FIELD, "cron workflow must have at least one schedule");
    } else if (written.isEmpty()) {
      problems.add(
          spec.keyPos(spec.has("schedules") ? "schedules" : "schedule"),
          Code.INVALID_VALUE,
          "cron workflow must have at least one schedule");
    }
    List<String> schedules = new ArrayList<>();
    for (Str s : written) {
      String problem = CronExpressions.problem(s.value());
      if (problem != null) {
        problems.add(
            s.pos(),
            Code.INVALID_VALUE,
            "cron schedule " + s.value() + " is malformed: " + problem);
      }
      schedules.add(s.value());
    }
    return schedules;
  }

  private static Long number(Reader reader, Obj spec, String key, Problems problems) {
    Str s = reader.scalar(spec, key, false);
    if (s == null) {
      return null;
    }
    try {
      return Long.parseLong(s.value());
    } catch (NumberFormatException e) {
      problems.add(s.pos(), Code.WRONG_TYPE, "`" + key + "` must be a whole number");
      return null;
    }
  }

  /**
   * The Workflow a run starts: {@code workflowSpec} under a {@code metadata} that names it after
   * the cron workflow, every node at its place in the file so problems point into the CronWorkflow.
   */
  private static Document workflow(
      Document document, Obj root, Str name, Str namespace, Node workflowSpec) {
    List<NodeTuple> metadata = new ArrayList<>();
    metadata.add(new NodeTuple(scalar("name", name.node()), name.node()));
    if (namespace != null) {
      metadata.add(new NodeTuple(scalar("namespace", namespace.node()), namespace.node()));
    }
    // ConvertCronWorkflowToWorkflowWithProperties: the run's label naming its cron workflow, and
    // its scheduled time (set by the run; `{{workflow.scheduledTime}}` reads it).
    metadata.add(
        new NodeTuple(
            scalar("labels", name.node()),
            map(name.node(), tuple(RUN_LABEL, name.value(), name.node()))));
    metadata.add(
        new NodeTuple(
            scalar("annotations", name.node()),
            map(name.node(), tuple(References.SCHEDULED_TIME_ANNOTATION, "", name.node()))));
    List<NodeTuple> tuples = new ArrayList<>();
    Node apiVersion = root.value("apiVersion");
    if (apiVersion != null) {
      tuples.add(new NodeTuple(scalar("apiVersion", apiVersion), apiVersion));
    }
    Node kind = root.value("kind");
    Node at = kind != null ? kind : document.root();
    tuples.add(new NodeTuple(scalar("kind", at), scalar(Document.WORKFLOW, at)));
    tuples.add(
        new NodeTuple(
            scalar("metadata", name.node()),
            new MappingNode(
                Tag.MAP,
                true,
                metadata,
                name.node().getStartMark(),
                name.node().getEndMark(),
                DumperOptions.FlowStyle.BLOCK)));
    tuples.add(new NodeTuple(scalar("spec", workflowSpec), workflowSpec));
    MappingNode synthetic =
        new MappingNode(
            Tag.MAP,
            true,
            tuples,
            document.root().getStartMark(),
            document.root().getEndMark(),
            DumperOptions.FlowStyle.BLOCK);
    return new Document(document.file(), document.text(), synthetic, document.source());
  }

  private static NodeTuple tuple(String key, String value, Node at) {
    return new NodeTuple(scalar(key, at), scalar(value, at));
  }

  private static MappingNode map(Node at, NodeTuple... tuples) {
    return new MappingNode(
        Tag.MAP,
        true,
        new ArrayList<>(List.of(tuples)),
        at.getStartMark(),
        at.getEndMark(),
        DumperOptions.FlowStyle.BLOCK);
  }

  private static ScalarNode scalar(String value, Node at) {
    return new ScalarNode(
        Tag.STR, value, at.getStartMark(), at.getEndMark(), DumperOptions.ScalarStyle.PLAIN);
  }
}
