package dev.targo.argo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.flow.Inputs;
import dev.targo.argo.flow.TemplateOutputs;
import dev.targo.argo.plan.Artifact;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArtifactsTest {
  private static Artifact input(String name, String path) {
    return new Artifact(
        name, path, null, null, null, null, null, null, null, null, null, null, null);
  }

  private static Artifact stored(String name, String key) {
    return input(name, "/tmp/" + name).withS3(Artifact.S3.ofKey(key));
  }

  private static Artifact from(String name, String from, String subPath) {
    return new Artifact(
        name, null, null, from, null, null, null, null, null, null, null, null, subPath);
  }

  private static Template pod(List<Artifact> inputs, List<Artifact> outputs) {
    return new Template(
            "t",
            new TemplateBody.ContainerBody(null),
            List.of(),
            null,
            null,
            null,
            Map.of(),
            null,
            List.of(),
            null,
            null,
            null,
            List.of(new OutputParameter("n", "/tmp/n", null, null, null, null)),
            null,
            null,
            List.of())
        .withInputArtifacts(inputs)
        .withOutputs(outputs);
  }

  private static Template flow(List<Artifact> outputs) {
    return new Template(
            "f",
            new TemplateBody.StepsBody(List.of()),
            List.of(),
            null,
            null,
            null,
            Map.of(),
            null,
            List.of(),
            null,
            null,
            null)
        .withOutputs(outputs);
  }

  @Test
  void aPlanArtifactSurvivesAJsonRoundTripWithEveryField() throws Exception {
    Artifact a =
        new Artifact(
            "a",
            "/p",
            0755,
            "{{steps.x.outputs.artifacts.y}}",
            true,
            Artifact.ARCHIVE_NONE,
            "data",
            new Artifact.S3(
                "e:9000",
                "b",
                "r",
                true,
                "k",
                new Artifact.SecretRef("s", "a"),
                new Artifact.SecretRef("s", "b")),
            3,
            "expr",
            new Artifact.Http("http://h/x", List.of(new Artifact.Header("A", "1"))),
            new Artifact.Git("file:///r", "main", 1, "b", true, false),
            "sub");

    String json = Json.mapper().writeValueAsString(a);

    assertThat(Json.mapper().readValue(json, Artifact.class)).isEqualTo(a);
    assertThat(json).contains("\"optional\":true");
  }

  @Test
  void aReferenceCarriesTheLocationAndSubPathButNeverThePathOrBytes() {
    Artifact out = stored("out", "wf/pod/out.tgz");

    String ref = Artifacts.reference(out.withSubPath("a/b.txt"));

    assertThat(ref)
        .isEqualTo(
            "{\"name\":\"out\",\"s3\":{\"key\":\"wf/pod/out.tgz\"},\"subPath\":\"a/b.txt\"}");
    assertThat(Artifacts.parse(ref).s3().key()).isEqualTo("wf/pod/out.tgz");
    assertThat(Artifacts.parse("{{steps.a.outputs.artifacts.b}}")).isNull();
  }

  @Test
  void anArgumentFromAStepLocatesTheInputWithItsSubPath() {
    Template t = pod(List.of(input("data", "/tmp/data")), List.of());
    String ref = Artifacts.reference(stored("out", "wf/p/out.tgz"));

    Inputs.Binding b = Inputs.bind(t, List.of(), List.of(from("data", ref, "x.txt")));

    Map<String, String> vars = ((Inputs.Binding.Bound) b).vars();
    Template attempt = Templating.substitute(t, vars);
    Artifact placed = attempt.inputArtifacts().get(0);
    assertThat(placed.path()).isEqualTo("/tmp/data");
    assertThat(placed.s3().key()).isEqualTo("wf/p/out.tgz");
    assertThat(placed.subPath()).isEqualTo("x.txt");
  }

  @Test
  void aMissingRequiredInputEndsTheCallWithArgosMessageAndAnOptionalOneIsLeftOut() {
    Artifact optional =
        new Artifact("opt", "/o", null, null, true, null, null, null, null, null, null, null, null);
    Template t = pod(List.of(input("data", "/tmp/data"), optional), List.of());

    assertThat(Inputs.bind(t, List.of(), List.of()))
        .isEqualTo(new Inputs.Binding.Missing("inputs.artifacts.data was not supplied"));
    assertThat(Inputs.bind(pod(List.of(optional), List.of()), List.of(), List.of()))
        .isInstanceOf(Inputs.Binding.Bound.class);
    assertThat(
            Inputs.bind(
                t, List.of(), List.of(from("data", "{{steps.a.outputs.artifacts.b}}", null))))
        .isEqualTo(
            new Inputs.Binding.Missing(
                "Unable to resolve: \"{{steps.a.outputs.artifacts.b}}\" for artifact data"));
  }

  @Test
  void pathVariablesOfArtifactsAndOutputParametersAreSubstituted() {
    Template t =
        pod(List.of(input("in", "/inputs/in")), List.of(input("out", "/outputs/out")))
            .withInputArtifacts(List.of(input("in", "/inputs/in")));

    Map<String, String> vars =
        Artifacts.withPaths(t.inputArtifacts(), t.outputArtifacts(), t.outputs(), Map.of());

    assertThat(vars)
        .containsEntry("inputs.artifacts.in.path", "/inputs/in")
        .containsEntry("outputs.artifacts.out.path", "/outputs/out")
        .containsEntry("outputs.parameters.n.path", "/tmp/n");
  }

  @Test
  void aFlowOutputIsTheArtifactItsExpressionChooses() {
    Artifact result =
        new Artifact(
            "result",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "steps.coin.outputs.result == 'heads' ? steps.heads.outputs.artifacts.r :"
                + " steps.tails.outputs.artifacts.r",
            null,
            null,
            null);
    Template flow = flow(List.of(result));
    Map<String, String> scope =
        Map.of(
            "steps.coin.outputs.result",
            "tails",
            "steps.tails.outputs.artifacts.r",
            Artifacts.reference(stored("r", "wf/t/r.tgz")));

    TemplateOutputs.Resolved r = TemplateOutputs.resolve(flow, scope);

    assertThat(r.error()).isNull();
    assertThat(r.outputs().artifacts()).hasSize(1);
    assertThat(r.outputs().artifacts().get(0).name()).isEqualTo("result");
    assertThat(r.outputs().artifacts().get(0).s3().key()).isEqualTo("wf/t/r.tgz");
    assertThat(r.outputs().parameters()).isEmpty();
  }

  @Test
  void aFlowOutputThatResolvesToNothingEndsTheNode() {
    Artifact result = from("result", "{{steps.gone.outputs.artifacts.r}}", null);
    Template flow = flow(List.of(result));

    assertThat(TemplateOutputs.resolve(flow, Map.of()).error())
        .isEqualTo(
            "unable to resolve outputs from scope: Unable to resolve:"
                + " \"{{steps.gone.outputs.artifacts.r}}\"");
  }
}
