package dev.targo.translator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.resource.ResourceConditions;
import dev.targo.argo.resource.ResourceManifests;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code resource} template's body to plan form, with Argo's checks ({@code validate.go}: action,
 * manifest) and those Argo makes only when the resource's pod runs ({@code argoexec resource}: the
 * conditions parse, a delete waits for nothing and has no outputs) made at lint time.
 */
final class ResourcePlanner {
  /** Argo's {@code SubstituteResourceManifestExpressions}: expressions hidden before parsing. */
  private static final Pattern EXPRESSION = Pattern.compile("\\{\\{.*?}}");

  /**
   * kubectl flags with nothing to do without kubectl: a delete ignores an absent object anyway
   * (Argo adds {@code --ignore-not-found} to every delete), and only kubectl validates on the
   * client.
   */
  private static final Set<String> NO_OP_FLAGS =
      Set.of("--ignore-not-found", "--ignore-not-found=true", "--validate=false");

  private final Problems problems;

  ResourcePlanner(Problems problems) {
    this.problems = problems;
  }

  /**
   * The body, or null when it cannot run (a problem was reported).
   *
   * @param hasOutputs whether the template declares output parameters
   */
  TemplateBody plan(Raw.Resource r, boolean hasOutputs) {
    boolean ok = true;
    Str action = r.action();
    if (action == null || action.value().isEmpty()) {
      problems.add(r.pos(), Code.MISSING_FIELD, "`resource.action` is required");
      ok = false;
    } else if (!action.templated() && !ResourceManifests.ACTIONS.contains(action.value())) {
      problems.add(
          action.pos(),
          Code.INVALID_VALUE,
          "`resource.action` must be one of: get, create, apply, delete, replace, patch, not `"
              + action.value()
              + "`"
              + Suggest.didYouMean(action.value(), ResourceManifests.ACTIONS));
      ok = false;
    }
    String verb = action == null ? "" : action.value();
    ok &= mergeStrategy(r.mergeStrategy());
    List<Str> kubectlFlags =
        r.flags().stream().filter(f -> !NO_OP_FLAGS.contains(f.value())).toList();
    if (!kubectlFlags.isEmpty()) {
      // kubectl's flags may name the object (`pod NAME`, `--selector`): the manifest is then not
      // the whole object, and one problem says why.
      problems.add(
          kubectlFlags.get(0).pos(),
          Code.UNSUPPORTED,
          "`flags` are kubectl's, and targo acts on the object itself without kubectl: it"
              + " accepts only `--ignore-not-found` and `--validate=false`, not `"
              + String.join("`, `", kubectlFlags.stream().map(Str::value).toList())
              + "`; name the object by its apiVersion, kind and name in `manifest`");
      return null;
    }
    ok &= manifest(r, verb);
    ok &= condition(r.successCondition(), "success");
    ok &= condition(r.failureCondition(), "failure");
    if (verb.equals("delete")
        && (r.successCondition() != null || r.failureCondition() != null || hasOutputs)) {
      Str at = r.successCondition() != null ? r.successCondition() : r.failureCondition();
      problems.add(
          at != null ? at.pos() : r.pos(),
          Code.INVALID_VALUE,
          "successCondition, failureCondition and outputs are not supported for delete action");
      ok = false;
    }
    if (!ok) {
      return null;
    }
    return new TemplateBody.ResourceBody(
        action.value(),
        text(r.mergeStrategy()),
        text(r.manifest()),
        text(r.successCondition()),
        text(r.failureCondition()),
        r.setOwnerReference());
  }

  private boolean mergeStrategy(Str strategy) {
    if (strategy == null || strategy.templated()) {
      return true;
    }
    if (strategy.value().equals("json")) {
      problems.add(
          strategy.pos(),
          Code.UNSUPPORTED,
          "`mergeStrategy: json` is valid Argo but not supported by targo: a JSON patch names"
              + " its object in kubectl's `flags`, which targo does not run; use `merge` or"
              + " `strategic` with the object's apiVersion, kind and name in `manifest`");
      return false;
    }
    if (!ResourceManifests.MERGE_STRATEGIES.contains(strategy.value())) {
      problems.add(
          strategy.pos(),
          Code.INVALID_VALUE,
          "`resource.mergeStrategy` must be one of: strategic, merge, json, not `"
              + strategy.value()
              + "`"
              + Suggest.didYouMean(strategy.value(), List.of("strategic", "merge", "json")));
      return false;
    }
    return true;
  }

  private boolean manifest(Raw.Resource r, String action) {
    Str manifest = r.manifest();
    if (manifest == null || manifest.value().isEmpty()) {
      problems.add(
          r.pos(),
          Code.MISSING_FIELD,
          action.equals("get") || action.equals("delete")
              ? "`resource.manifest` is required: targo names the object to " + action + " there"
              : "either `resource.manifest` or `resource.manifestFrom` must be specified");
      return false;
    }
    ObjectNode object;
    try {
      object =
          ResourceManifests.parse(EXPRESSION.matcher(manifest.value()).replaceAll("placeholder"));
    } catch (ResourceManifests.InvalidManifest e) {
      problems.add(manifest.pos(), Code.INVALID_VALUE, "`resource.manifest`: " + e.getMessage());
      return false;
    }
    String incomplete =
        ResourceManifests.incomplete(
            object, ResourceManifests.ACTIONS.contains(action) ? action : "");
    if (incomplete != null) {
      problems.add(manifest.pos(), Code.INVALID_VALUE, "`resource.manifest`: " + incomplete);
      return false;
    }
    return true;
  }

  private boolean condition(Str condition, String which) {
    if (condition == null || condition.templated()) {
      return true;
    }
    try {
      ResourceConditions.parse(condition.value());
      return true;
    } catch (ResourceConditions.InvalidCondition e) {
      problems.add(
          condition.pos(),
          Code.INVALID_VALUE,
          which + " condition '" + condition.value() + "' failed to parse: " + e.getMessage());
      return false;
    }
  }

  private static String text(Str s) {
    return s == null ? null : s.value();
  }
}
