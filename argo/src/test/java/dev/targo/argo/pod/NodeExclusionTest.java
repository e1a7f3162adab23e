package dev.targo.argo.pod;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.targo.argo.plan.Affinity;
import dev.targo.argo.plan.Affinity.NodeAffinity;
import dev.targo.argo.plan.Affinity.NodeSelector;
import dev.targo.argo.plan.Affinity.NodeSelectorRequirement;
import dev.targo.argo.plan.Affinity.NodeSelectorTerm;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The merge cases of Argo's {@code TestAddHostnamesToAffinity} (same inputs, same names), then the
 * cases where targo's rule differs: every term gets the exclusion, values are sorted.
 */
class NodeExclusionTest {
  private static final String HOST = "kubernetes.io/hostname";
  private static final List<String> HOSTS = List.of("hostnameA", "hostnameB", "hostnameC");
  private static final JsonNode POD_AFFINITY = JsonNodeFactory.instance.objectNode().put("x", 1);
  private static final JsonNode PREFERRED =
      JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode().put("w", 100));

  static Stream<Arguments> argoCases() {
    NodeSelectorRequirement excludeAbc = notIn(HOST, HOSTS);
    return Stream.of(
        row("EmptyAffinity", null, affinity(term(excludeAbc))),
        row(
            "EmptyNodeAffinity",
            new Affinity(null, POD_AFFINITY, null),
            new Affinity(required(term(excludeAbc)), POD_AFFINITY, null)),
        row(
            "EmptyRequiredDuringSchedulingIgnoredDuringExecution",
            new Affinity(new NodeAffinity(null, PREFERRED), null, null),
            new Affinity(
                new NodeAffinity(new NodeSelector(List.of(term(excludeAbc))), PREFERRED),
                null,
                null)),
        row("EmptyNodeSelectorTerms", affinity(), affinity(term(excludeAbc))),
        row("EmptyMatchExpressions", affinity(term()), affinity(term(excludeAbc))),
        row(
            "AddMatchExpressions",
            affinity(term(in("metadata.name", "hostname1", "hostname2"))),
            affinity(term(in("metadata.name", "hostname1", "hostname2"), excludeAbc))),
        row(
            "AddMatchExpressionsSameHostSelector",
            affinity(term(in(HOST, "hostname1", "hostname2"))),
            affinity(term(in(HOST, "hostname1", "hostname2"), excludeAbc))),
        row(
            "AddMatchExpressionsSameOperator",
            affinity(term(notIn("metadata.name", List.of("hostname1", "hostname2")))),
            affinity(term(notIn("metadata.name", List.of("hostname1", "hostname2")), excludeAbc))),
        row(
            "MergeMatchExpressionsWithDuplicates",
            affinity(term(notIn(HOST, List.of("hostname1", "hostname2", "hostnameA")))),
            affinity(
                term(
                    notIn(
                        HOST,
                        List.of(
                            "hostname1", "hostname2", "hostnameA", "hostnameB", "hostnameC"))))),
        row(
            "MergeWithExistingSpecAffinity",
            new Affinity(
                new NodeAffinity(
                    new NodeSelector(
                        List.of(
                            term(
                                notIn("gpu.nvidia.com/model", List.of("GeForce_RTX_A6000", "A100")),
                                notIn(HOST, List.of("hostname1", "hostname2", "hostnameA"))))),
                    PREFERRED),
                null,
                null),
            new Affinity(
                new NodeAffinity(
                    new NodeSelector(
                        List.of(
                            term(
                                notIn("gpu.nvidia.com/model", List.of("GeForce_RTX_A6000", "A100")),
                                notIn(
                                    HOST,
                                    List.of(
                                        "hostname1",
                                        "hostname2",
                                        "hostnameA",
                                        "hostnameB",
                                        "hostnameC"))))),
                    PREFERRED),
                null,
                null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("argoCases")
  void mergesAsArgoDoesForASingleTerm(String argoCase, Affinity given, Affinity expected) {
    assertThat(NodeExclusion.apply(given, HOST, HOSTS)).isEqualTo(expected);
  }

  @Test
  void addsTheExclusionToEveryTermWhereArgoChangesTermZeroOnly() {
    Affinity given = affinity(term(in("zone", "a")), term(in("zone", "b")));

    assertThat(NodeExclusion.apply(given, HOST, List.of("node-1")))
        .isEqualTo(
            affinity(
                term(in("zone", "a"), notIn(HOST, List.of("node-1"))),
                term(in("zone", "b"), notIn(HOST, List.of("node-1")))));
  }

  @Test
  void mergesIntoEachTermsOwnNotInAndAppendsWhereATermHasNone() {
    Affinity given =
        affinity(term(in("zone", "a")), term(notIn(HOST, List.of("node-9")), in("zone", "b")));

    assertThat(NodeExclusion.apply(given, HOST, List.of("node-1")))
        .isEqualTo(
            affinity(
                term(in("zone", "a"), notIn(HOST, List.of("node-1"))),
                term(notIn(HOST, List.of("node-1", "node-9")), in("zone", "b"))));
  }

  @Test
  void sortsAndDeduplicatesTheExcludedHosts() {
    assertThat(NodeExclusion.apply(null, HOST, List.of("node-3", "node-1", "node-3")))
        .isEqualTo(affinity(term(notIn(HOST, List.of("node-1", "node-3")))));
  }

  @Test
  void neverExcludesTheEmptyHostOfAnAttemptThatWasNeverScheduled() {
    assertThat(NodeExclusion.apply(null, HOST, List.of("", "node-2")))
        .isEqualTo(affinity(term(notIn(HOST, List.of("node-2")))));
  }

  @Test
  void leavesTheAffinityUnchangedWhenOnlyEmptyHostsAreGiven() {
    Affinity given = affinity(term(in("zone", "a")));

    assertThat(NodeExclusion.apply(given, HOST, List.of(""))).isSameAs(given);
  }

  @Test
  void leavesTheAffinityUnchangedWithoutHosts() {
    Affinity given = affinity(term(in("zone", "a")));

    assertThat(NodeExclusion.apply(given, HOST, List.of())).isSameAs(given);
  }

  @Test
  void leavesTheAffinityUnchangedWhenTheHostnameLabelKeyIsEmpty() {
    Affinity given = affinity(term(in("zone", "a")));

    assertThat(NodeExclusion.apply(given, "", HOSTS)).isSameAs(given);
  }

  @Test
  void keepsATermsMatchFieldsWhenAddingTheExclusion() {
    NodeSelectorRequirement field = in("metadata.name", "node-2");
    Affinity given = affinity(new NodeSelectorTerm(List.of(), List.of(field)));

    assertThat(NodeExclusion.apply(given, HOST, List.of("node-1")))
        .isEqualTo(
            affinity(
                new NodeSelectorTerm(List.of(notIn(HOST, List.of("node-1"))), List.of(field))));
  }

  @Test
  void usesTheConfiguredHostnameLabelKey() {
    assertThat(NodeExclusion.apply(null, "example.com/host", List.of("h1")))
        .isEqualTo(affinity(term(notIn("example.com/host", List.of("h1")))));
  }

  private static Arguments row(String name, Affinity given, Affinity expected) {
    return Arguments.of(name, given, expected);
  }

  static Affinity affinity(NodeSelectorTerm... terms) {
    return new Affinity(required(terms), null, null);
  }

  private static NodeAffinity required(NodeSelectorTerm... terms) {
    return new NodeAffinity(new NodeSelector(List.of(terms)), null);
  }

  static NodeSelectorTerm term(NodeSelectorRequirement... requirements) {
    return new NodeSelectorTerm(List.of(requirements), List.of());
  }

  static NodeSelectorRequirement in(String key, String... values) {
    return new NodeSelectorRequirement(key, "In", List.of(values));
  }

  static NodeSelectorRequirement notIn(String key, List<String> values) {
    return new NodeSelectorRequirement(key, "NotIn", values);
  }

  // --- targo's nodeAntiAffinity.type: Preferred -------------------------------------------------

  private static JsonNode preferredTerm(String... hosts) {
    return preferredTermOn(HOST, hosts);
  }

  /** {@code {weight: 100, preference: {matchExpressions: [{key, NotIn, values}]}}}. */
  private static JsonNode preferredTermOn(String key, String... values) {
    var term = JsonNodeFactory.instance.objectNode().put("weight", 100);
    var requirement =
        term.putObject("preference")
            .putArray("matchExpressions")
            .addObject()
            .put("key", key)
            .put("operator", "NotIn");
    var list = requirement.putArray("values");
    for (String v : values) {
      list.add(v);
    }
    return term;
  }

  @Test
  void avoidsFailedHostsWithOnePreferredTermOfWeightHundred() {
    Affinity avoided = NodeExclusion.avoid(null, HOST, List.of("node-2", "node-1", "node-2", ""));

    assertThat(avoided.nodeAffinity().required()).isNull();
    assertThat(avoided.nodeAffinity().preferred())
        .isEqualTo(JsonNodeFactory.instance.arrayNode().add(preferredTerm("node-1", "node-2")));
  }

  @Test
  void avoidingKeepsTheUsersRequiredAndPreferredTermsAndAppendsAfterThem() {
    Affinity given =
        new Affinity(
            new NodeAffinity(new NodeSelector(List.of(term(in("zone", "a")))), PREFERRED),
            POD_AFFINITY,
            null);

    Affinity avoided = NodeExclusion.avoid(given, HOST, List.of("node-1"));

    assertThat(avoided.nodeAffinity().required()).isEqualTo(given.nodeAffinity().required());
    assertThat(avoided.nodeAffinity().preferred())
        .isEqualTo(
            ((com.fasterxml.jackson.databind.node.ArrayNode) PREFERRED.deepCopy())
                .add(preferredTerm("node-1")));
    assertThat(avoided.podAffinity()).isEqualTo(POD_AFFINITY);
    assertThat(PREFERRED).hasSize(1);
  }

  @Test
  void avoidingNothingOrWithoutAHostnameKeyLeavesTheAffinityAlone() {
    Affinity given = affinity(term(in("zone", "a")));

    assertThat(NodeExclusion.avoid(given, HOST, List.of())).isSameAs(given);
    assertThat(NodeExclusion.avoid(given, HOST, null)).isSameAs(given);
    assertThat(NodeExclusion.avoid(given, "", List.of("node-1"))).isSameAs(given);
  }

  // --- targo's nodeAntiAffinity.topologyKey ------------------------------------------------------

  private static final String ZONE = "topology.kubernetes.io/zone";

  private static PodRequest topologyRequest(boolean preferred, String... hosts) {
    var container =
        new dev.targo.argo.plan.ContainerSpec(
            "alpine", List.of("true"), List.of(), List.of(), null, null, List.of(), null, null);
    var template =
        new dev.targo.argo.plan.Template(
            "t",
            new dev.targo.argo.plan.TemplateBody.ContainerBody(container),
            List.of(),
            null,
            null,
            null,
            java.util.Map.of(),
            affinity(term(in("disk", "ssd"))),
            List.of(),
            null,
            null,
            null);
    return PodRequest.of("wf", "argo", "wf(1)", 1, template)
        .withTopologyExclusion(new TopologyExclusion(ZONE, List.of(hosts), preferred));
  }

  @Test
  void excludesTheZonesOfTheFailedHostsInEveryRequiredTerm() {
    PodRequest request = topologyRequest(false, "node-1", "node-3");

    Affinity affinity =
        NodeExclusion.forAttempt(
            request, HOST, java.util.Map.of("node-1", "zone-a", "node-3", "zone-b"));

    assertThat(affinity)
        .isEqualTo(affinity(term(in("disk", "ssd"), notIn(ZONE, List.of("zone-a", "zone-b")))));
  }

  @Test
  void aHostWhoseZoneIsUnknownIsStillExcludedAsAHost() {
    PodRequest request = topologyRequest(false, "node-1", "node-9");

    Affinity affinity =
        NodeExclusion.forAttempt(request, HOST, java.util.Map.of("node-1", "zone-a"));

    assertThat(affinity)
        .isEqualTo(
            affinity(
                term(
                    in("disk", "ssd"),
                    notIn(ZONE, List.of("zone-a")),
                    notIn(HOST, List.of("node-9")))));
  }

  @Test
  void aPreferredTopologyExclusionIsAPreferredTermOnTheZone() {
    PodRequest request = topologyRequest(true, "node-1", "node-2");

    Affinity affinity =
        NodeExclusion.forAttempt(
            request, HOST, java.util.Map.of("node-1", "zone-a", "node-2", "zone-a"));

    assertThat(affinity.nodeAffinity().required())
        .isEqualTo(affinity(term(in("disk", "ssd"))).nodeAffinity().required());
    assertThat(affinity.nodeAffinity().preferred())
        .isEqualTo(JsonNodeFactory.instance.arrayNode().add(preferredTermOn(ZONE, "zone-a")));
  }
}
