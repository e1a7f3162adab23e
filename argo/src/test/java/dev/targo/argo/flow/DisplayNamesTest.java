package dev.targo.argo.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.Json;
import dev.targo.argo.PodNames;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.retry.NodeSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A template's display-name annotation as Argo's {@code executeTemplate} applies it: processed with
 * the node's variables, then checked against {@code displayNameRegex}.
 */
class DisplayNamesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private static final String NODE = "wf[0].test-linux(1:image:alpine,tag:3.6)";

  @Test
  void theAnnotationIsSubstitutedWithTheNodesInputs() {
    assertThat(
            DisplayNames.of(
                node("os-{{inputs.parameters.image}}-{{inputs.parameters.tag}}", null), NOW))
        .isEqualTo(new DisplayNames.Outcome.Named("os-alpine-3.6"));
  }

  @Test
  void aPodNodeWithoutRetriesKnowsItsPodNameAndARetriedOneDoesNot() {
    String pod = PodNames.podName("wf", NODE, "cat-os-release");

    assertThat(DisplayNames.of(node("{{pod.name}}", null), NOW))
        .isEqualTo(new DisplayNames.Outcome.Named(pod));
    // The pod name of a retried node is its attempt's: left as written, which the regex refuses.
    assertThat(
            DisplayNames.of(
                node("{{pod.name}}", new RetryStrategySpec("2", null, null, false, null)), NOW))
        .isEqualTo(new DisplayNames.Outcome.Invalid(DisplayNames.INVALID_MESSAGE));
  }

  @Test
  void aNameTheRegexRefusesIsArgosError() {
    assertThat(DisplayNames.of(node("os_{{inputs.parameters.image}}", null), NOW))
        .isEqualTo(
            new DisplayNames.Outcome.Invalid(
                "displayName must match the regex ^[a-zA-Z0-9][a-zA-Z0-9-.]{0,61}[a-zA-Z0-9]$"));
    assertThat(DisplayNames.of(node("a".repeat(64), null), NOW))
        .isInstanceOf(DisplayNames.Outcome.Invalid.class);
    assertThat(DisplayNames.of(node("a".repeat(63), null), NOW))
        .isEqualTo(new DisplayNames.Outcome.Named("a".repeat(63)));
    assertThat(DisplayNames.of(node("x", null), NOW))
        .isInstanceOf(DisplayNames.Outcome.Invalid.class);
  }

  @Test
  void noOrAnEmptyAnnotationKeepsTheNodesOwnDisplayName() {
    assertThat(DisplayNames.of(node("", null), NOW)).isEqualTo(new DisplayNames.Outcome.Default());
    NodeSpec other = node("x", null);
    NodeSpec unannotated =
        new NodeSpec(
            "wf",
            "argo",
            NODE,
            "wf-1",
            other.template().withAnnotations(Map.of("example.com/owner", "me")),
            other.vars(),
            null,
            null,
            List.of());
    assertThat(DisplayNames.of(unannotated, NOW)).isEqualTo(new DisplayNames.Outcome.Default());
  }

  @Test
  void aFailedExpressionIsTheNodesError() {
    DisplayNames.Outcome outcome =
        DisplayNames.of(node("{{=asInt(inputs.parameters.image)}}", null), NOW);

    assertThat(outcome).isInstanceOf(DisplayNames.Outcome.Invalid.class);
    assertThat(((DisplayNames.Outcome.Invalid) outcome).message())
        .startsWith("failed to evaluate expression: ");
  }

  @Test
  void annotationsRoundTripThroughThePlanJsonAndAreLeftOutWhenEmpty() throws Exception {
    Template annotated = node("os-{{inputs.parameters.image}}", null).template();
    String json = Json.mapper().writeValueAsString(annotated);

    assertThat(json)
        .contains(
            "\"annotations\":{\"workflows.argoproj.io/display-name\":\"os-{{inputs.parameters.image}}\"}");
    assertThat(Json.mapper().readValue(json, Template.class)).isEqualTo(annotated);
    assertThat(Json.mapper().writeValueAsString(annotated.withAnnotations(Map.of())))
        .doesNotContain("\"annotations\":{\"");
  }

  /** A container node of {@code cat-os-release}, its display name annotated as {@code name}. */
  private static NodeSpec node(String name, RetryStrategySpec retry) {
    Template template =
        new Template(
                "cat-os-release",
                new TemplateBody.ScriptBody(null, "cat /etc/os-release"),
                List.of(
                    new Parameter("image", null, null, null),
                    new Parameter("tag", null, null, null)),
                retry,
                null,
                null,
                Map.of(),
                null,
                List.of(),
                null,
                null,
                null)
            .withAnnotations(Map.of(Template.DISPLAY_NAME, name));
    return new NodeSpec(
        "wf",
        "argo",
        NODE,
        "wf-1",
        template,
        new TreeMap<>(
            Map.of(
                "inputs.parameters.image", "alpine",
                "inputs.parameters.tag", "3.6",
                "workflow.name", "wf")),
        null,
        null,
        List.of());
  }
}
