package dev.targo.translator;

import dev.targo.argo.plan.WorkflowPlan;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Argo {@code Workflow} text (YAML, or JSON such as Hera's {@code to_dict()} output) to a validated
 * {@link WorkflowPlan}, or every problem in it. Pure: no I/O, no clock, and it never throws for bad
 * input.
 *
 * <p>Three steps: {@link YamlLoader} composes a located node tree within safety limits; {@link
 * WorkflowReader} reads it strictly into {@link Raw} records (unknown and unsupported fields, YAML
 * types); {@link Planner} applies Argo's rules and builds the plan.
 */
public final class Translator {
  private Translator() {}

  /** Translates {@code text}, read from {@code fileName} (used in problems only). */
  public static Translation translate(String fileName, String text) {
    return translate(fileName, text, Map.of());
  }

  /**
   * Translates {@code text} with workflow argument overrides, the {@code -p name=value} of the
   * command line: they replace the value of the argument of their name, or add an argument (as
   * {@code argo submit -p} does). Pass an ordered map to keep the command line's order for added
   * arguments.
   */
  public static Translation translate(
      String fileName, String text, Map<String, String> parameterOverrides) {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(parameterOverrides, "parameterOverrides");
    Problems problems = new Problems(fileName);
    Node root = YamlLoader.load(text, problems);
    WorkflowPlan plan = null;
    if (root != null) {
      Raw.Workflow raw = WorkflowReader.read(root, problems);
      if (raw != null) {
        plan = new Planner(problems, new Source(text)).plan(raw, parameterOverrides);
      }
    }
    if (!problems.isEmpty() || plan == null) {
      return new Translation.Failed(problems.sorted(), problems.warnings());
    }
    return new Translation.Ok(plan, problems.warnings());
  }

  /**
   * Translates one {@code Workflow} document of a file, its {@code workflowTemplateRef} and {@code
   * templateRef}s resolved through {@code lookup} first (a reference that does not resolve is a
   * problem at its position, and nothing else is checked). The plan runs the resolved spec; {@link
   * Translation.Ok#stored()} says what was taken from templates.
   */
  public static Translation translate(
      Document document, TemplateLookup lookup, Map<String, String> parameterOverrides) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(lookup, "lookup");
    Objects.requireNonNull(parameterOverrides, "parameterOverrides");
    return translate(document, lookup, parameterOverrides, new Problems(document.file()));
  }

  private static Translation translate(
      Document document,
      TemplateLookup lookup,
      Map<String, String> parameterOverrides,
      Problems problems) {
    TemplateRefs.Resolved resolved = TemplateRefs.resolve(document, lookup, problems);
    WorkflowPlan plan = null;
    if (resolved.complete()) {
      Raw.Workflow raw = WorkflowReader.read(resolved.root(), problems);
      if (raw != null) {
        plan = new Planner(problems, new Source(document.source())).plan(raw, parameterOverrides);
      }
    }
    if (!problems.isEmpty() || plan == null) {
      return new Translation.Failed(problems.sorted(), problems.warnings());
    }
    return new Translation.Ok(plan, problems.warnings(), resolved.stored());
  }

  /**
   * Translates one {@code CronWorkflow} document: its schedule fields checked as Argo's {@code
   * validate.CronWorkflow} does, and its {@code workflowSpec} translated as the Workflow each run
   * starts (references resolved through {@code lookup}).
   */
  public static CronTranslation cron(
      Document document, TemplateLookup lookup, Map<String, String> parameterOverrides) {
    Objects.requireNonNull(document, "document");
    Problems problems = new Problems(document.file());
    CronReader.Read read = CronReader.read(document, problems);
    if (read == null) {
      return new CronTranslation(
          null, new Translation.Failed(problems.sorted(), problems.warnings()));
    }
    Translation workflow = translate(read.workflow(), lookup, parameterOverrides, problems);
    return new CronTranslation(workflow instanceof Translation.Ok ? read.cron() : null, workflow);
  }

  /** True for a {@code CronWorkflow} document. */
  public static boolean isCron(Document document) {
    return CronReader.KIND.equals(document.kind());
  }

  /**
   * Every problem and warning of one document, as {@code targo lint} reports them: a {@code
   * Workflow} is translated; a {@code WorkflowTemplate} or {@code ClusterWorkflowTemplate} is
   * checked as Argo's {@code ValidateWorkflowTemplate} does (no entrypoint needed, inputs left to
   * the caller), its references resolved through {@code lookup}.
   */
  public static Translation lint(Document document, TemplateLookup lookup) {
    if (isCron(document)) {
      Translation workflow = cron(document, lookup, Map.of()).workflow();
      return workflow instanceof Translation.Ok ok
          ? new Translation.Checked(ok.warnings())
          : workflow;
    }
    if (!document.isTemplate()) {
      return translate(document, lookup, Map.of());
    }
    Problems problems = new Problems(document.file());
    TemplateRefs.Resolved resolved = TemplateRefs.resolve(document, lookup, problems);
    if (resolved.complete()) {
      Raw.Workflow raw = WorkflowReader.read(resolved.root(), problems);
      if (raw != null) {
        new Planner(problems, new Source(document.source()), true).plan(raw, Map.of());
      }
    }
    if (!problems.isEmpty()) {
      return new Translation.Failed(problems.sorted(), problems.warnings());
    }
    return new Translation.Checked(problems.warnings());
  }
}
