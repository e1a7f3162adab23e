package dev.targo.argo.pod;

import static dev.targo.argo.pod.NodeExclusionTest.affinity;
import static dev.targo.argo.pod.NodeExclusionTest.in;
import static dev.targo.argo.pod.NodeExclusionTest.term;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.Json;
import dev.targo.argo.plan.Affinity;
import dev.targo.argo.plan.Affinity.NodeSelectorRequirement;
import dev.targo.argo.plan.Affinity.NodeSelectorTerm;
import dev.targo.argo.pod.Scheduler.Node;
import dev.targo.argo.pod.Scheduler.Placement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchedulerTest {
  private static final String HOST = "kubernetes.io/hostname";
  private static final String NONE_FITS =
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. no new claims"
          + " to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for"
          + " scheduling.";

  private static final List<Node> NODES =
      List.of(
          node("node-1", 0, "zone", "a", "cpus", "4"),
          node("node-2", 0, "zone", "b", "cpus", "8", "disk", "ssd"),
          node("node-3", 0, "zone", "b", "cpus", "16"));

  static Stream<Arguments> placements() {
    return Stream.of(
        row("no constraint takes the first node by name", Map.of(), null, "node-1"),
        row("nodeSelector picks the labelled node", Map.of("disk", "ssd"), null, "node-2"),
        row("nodeSelector with no such label", Map.of("disk", "hdd"), null, null),
        row("In", Map.of(), affinity(term(in("zone", "b"))), "node-2"),
        row("NotIn on the hostname", Map.of(), exclude("node-1", "node-2"), "node-3"),
        row(
            "NotIn matches nodes without the label",
            Map.of(),
            affinity(term(op("gpu", "NotIn", "x"))),
            "node-1"),
        row("every node excluded", Map.of(), exclude("node-1", "node-2", "node-3"), null),
        row("Exists", Map.of(), affinity(term(op("disk", "Exists"))), "node-2"),
        row(
            "DoesNotExist",
            Map.of(),
            affinity(term(op("disk", "DoesNotExist"), in("zone", "b"))),
            "node-3"),
        row("Gt compares integers", Map.of(), affinity(term(op("cpus", "Gt", "8"))), "node-3"),
        row("Lt compares integers", Map.of(), affinity(term(op("cpus", "Lt", "8"))), "node-1"),
        row(
            "Gt on a non-integer label matches nothing",
            Map.of(),
            affinity(term(op("zone", "Gt", "1"))),
            null),
        row(
            "Gt with two values matches nothing",
            Map.of(),
            affinity(term(op("cpus", "Gt", "1", "2"))),
            null),
        row("In without values matches nothing", Map.of(), affinity(term(op("zone", "In"))), null),
        row(
            "unknown operator matches nothing",
            Map.of(),
            affinity(term(op("zone", "Like", "a"))),
            null),
        row(
            "terms are ORed",
            Map.of(),
            affinity(term(in("zone", "c")), term(in("disk", "ssd"))),
            "node-2"),
        row(
            "requirements of a term are ANDed",
            Map.of(),
            affinity(term(in("zone", "b"), op("cpus", "Gt", "8"))),
            "node-3"),
        row("a term without requirements matches nothing", Map.of(), affinity(term()), null),
        row("a required selector without terms matches nothing", Map.of(), affinity(), null),
        row(
            "matchFields In on metadata.name",
            Map.of(),
            affinity(new NodeSelectorTerm(List.of(), List.of(in("metadata.name", "node-3")))),
            "node-3"),
        row(
            "matchFields NotIn on metadata.name",
            Map.of(),
            affinity(
                new NodeSelectorTerm(List.of(), List.of(op("metadata.name", "NotIn", "node-1")))),
            "node-2"),
        row(
            "matchFields on another field matches nothing",
            Map.of(),
            affinity(new NodeSelectorTerm(List.of(), List.of(in("spec.podCIDR", "x")))),
            null),
        row(
            "nodeSelector and affinity must both hold",
            Map.of("zone", "a"),
            affinity(term(in("zone", "b"))),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("placements")
  void placesAsTheNodeAffinityFilterAllows(
      String rule, Map<String, String> nodeSelector, Affinity affinity, String expectedNode) {
    Placement placement = Scheduler.place(nodeSelector, affinity, NODES);

    if (expectedNode == null) {
      assertThat(placement).isEqualTo(new Placement.Unschedulable(NONE_FITS));
    } else {
      assertThat(placement)
          .isInstanceOfSatisfying(
              Placement.Assigned.class, a -> assertThat(a.node().name()).isEqualTo(expectedNode));
    }
  }

  @Test
  void prefersTheNodeRunningTheFewestPods() {
    List<Node> nodes = List.of(node("node-1", 2), node("node-2", 0), node("node-3", 1));

    assertThat(Scheduler.place(Map.of(), null, nodes))
        .isEqualTo(new Placement.Assigned(nodes.get(1)));
  }

  @Test
  void breaksLoadTiesByNodeName() {
    List<Node> nodes = List.of(node("node-c", 1), node("node-b", 1), node("node-a", 2));

    assertThat(Scheduler.place(Map.of(), null, nodes))
        .isEqualTo(new Placement.Assigned(nodes.get(1)));
  }

  @Test
  void countsEveryNodeInTheUnschedulableMessage() {
    List<Node> nodes = List.of(node("node-1", 0), node("node-2", 0));

    assertThat(Scheduler.place(Map.of("disk", "ssd"), null, nodes))
        .isEqualTo(
            new Placement.Unschedulable(
                "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. no"
                    + " new claims to deallocate, preemption: 0/2 nodes are available: 2"
                    + " Preemption is not helpful for scheduling."));
  }

  @Test
  void saysSoWhenThereIsNoNodeAtAll() {
    assertThat(Scheduler.place(Map.of(), null, List.of()))
        .isEqualTo(new Placement.Unschedulable("no nodes available to schedule pods"));
  }

  private static Affinity exclude(String... hosts) {
    return NodeExclusion.apply(null, HOST, List.of(hosts));
  }

  private static NodeSelectorRequirement op(String key, String operator, String... values) {
    return new NodeSelectorRequirement(key, operator, List.of(values));
  }

  private static Node node(String name, int running, String... labels) {
    Map<String, String> map = new java.util.HashMap<>(Map.of(HOST, name));
    for (int i = 0; i < labels.length; i += 2) {
      map.put(labels[i], labels[i + 1]);
    }
    return new Node(name, map, running);
  }

  private static Arguments row(
      String rule, Map<String, String> nodeSelector, Affinity affinity, String node) {
    return Arguments.of(rule, nodeSelector, affinity, node);
  }

  // --- preferred node affinity (targo's nodeAntiAffinity.type: Preferred) ------------------------

  @Test
  void takesAHostThePreferredExclusionDoesNotNameBeforeALessLoadedOne() {
    List<Node> nodes = List.of(node("node-1", 0), node("node-2", 3), node("node-3", 0));
    Affinity avoid = NodeExclusion.avoid(null, HOST, List.of("node-1", "node-3"));

    assertThat(Scheduler.place(Map.of(), avoid, nodes))
        .isEqualTo(new Placement.Assigned(nodes.get(1)));
  }

  @Test
  void takesAnAvoidedHostWhenEveryHostHasFailed() {
    List<Node> nodes = List.of(node("node-1", 1), node("node-2", 0));
    Affinity avoid = NodeExclusion.avoid(null, HOST, List.of("node-1", "node-2"));

    assertThat(Scheduler.place(Map.of(), avoid, nodes))
        .isEqualTo(new Placement.Assigned(nodes.get(1)));
  }

  @Test
  void aRequiredTermStillFiltersBeforeThePreferenceRanks() {
    List<Node> nodes = List.of(node("node-1", 0, "zone", "a"), node("node-2", 0, "zone", "b"));
    Affinity avoid = NodeExclusion.avoid(affinity(term(in("zone", "a"))), HOST, List.of("node-1"));

    assertThat(Scheduler.place(Map.of(), avoid, nodes))
        .isEqualTo(new Placement.Assigned(nodes.get(0)));
  }

  @Test
  void sumsTheWeightsOfThePreferredTermsANodeMatches() {
    List<Node> nodes =
        List.of(node("node-1", 0, "zone", "a", "disk", "ssd"), node("node-2", 0, "zone", "b"));
    // The user's preference for SSDs (weight 30) and zone a (weight 80) outweigh one avoidance
    // (100) only together: 110 against 100.
    Affinity preferences =
        new Affinity(
            new Affinity.NodeAffinity(
                null,
                Json.mapper()
                    .valueToTree(
                        List.of(preference(30, "disk", "ssd"), preference(80, "zone", "a")))),
            null,
            null);

    assertThat(
            Scheduler.place(
                Map.of(), NodeExclusion.avoid(preferences, HOST, List.of("node-1")), nodes))
        .isEqualTo(new Placement.Assigned(nodes.get(0)));
  }

  /** A preferred term of {@code weight} for nodes whose label {@code key} is {@code value}. */
  private static Map<String, Object> preference(int weight, String key, String value) {
    Map<String, Object> requirement =
        Map.of("key", key, "operator", "In", "values", List.of(value));
    return Map.of("weight", weight, "preference", Map.of("matchExpressions", List.of(requirement)));
  }
}
