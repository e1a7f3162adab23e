package dev.targo.argo.memo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.Json;
import dev.targo.argo.plan.Memoize;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.retry.NodeSpec;
import dev.targo.argo.status.MemoizationStatus;
import dev.targo.argo.status.NodeOutputs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Argo's memoization decisions: {@code operator.go executeTemplate} and {@code
 * workflow/controller/cache} ({@code cacheKeyRegex}, {@code Entry.Hit}, {@code
 * GetOutputsWithMaxAge}: {@code time.Since(creationTimestamp) > maxAge} expires).
 */
class MemoizationTest {
  private static final Instant SAVED = Instant.parse("2026-01-01T10:00:00Z");
  private static final NodeOutputs OUTPUTS =
      new NodeOutputs("0", null, List.of(Parameter.of("hello", "world")));
  private static final CacheEntry ENTRY = CacheEntry.saved("memoized-abcde", OUTPUTS, SAVED);

  @Test
  void anEntryIsAHitUpToMaxAgeAndAMissOneSecondLater() {
    assertThat(Memoization.decide(ENTRY, "10s", SAVED.plusSeconds(10)))
        .isEqualTo(new Memoization.Decision.Hit(OUTPUTS));
    assertThat(Memoization.decide(ENTRY, "10s", SAVED.plusSeconds(11)))
        .isEqualTo(new Memoization.Decision.Miss());
    assertThat(Memoization.decide(ENTRY, "1h30m", SAVED.plusSeconds(5399)))
        .isInstanceOf(Memoization.Decision.Hit.class);
  }

  @Test
  void withoutMaxAgeAnyEntryThatNamesItsNodeIsAHit() {
    assertThat(Memoization.decide(ENTRY, null, SAVED.plusSeconds(86_400 * 365)))
        .isEqualTo(new Memoization.Decision.Hit(OUTPUTS));
    assertThat(Memoization.decide(ENTRY, "", SAVED)).isInstanceOf(Memoization.Decision.Hit.class);
    // Argo's Entry.Hit: no node id, no hit (an entry written by hand without one).
    assertThat(Memoization.decide(new CacheEntry("", OUTPUTS, SAVED, SAVED), null, SAVED))
        .isEqualTo(new Memoization.Decision.Miss());
    assertThat(Memoization.decide(null, "10s", SAVED)).isEqualTo(new Memoization.Decision.Miss());
  }

  @Test
  void aNegativeOrZeroMaxAgeNeverHitsOnceTimeHasPassed() {
    assertThat(Memoization.decide(ENTRY, "0s", SAVED.plusSeconds(1)))
        .isEqualTo(new Memoization.Decision.Miss());
    assertThat(Memoization.decide(ENTRY, "-1m", SAVED)).isEqualTo(new Memoization.Decision.Miss());
  }

  @Test
  void savedEntriesKeepWholeSecondsAsAKubernetesTime() {
    CacheEntry entry = CacheEntry.saved("n", null, Instant.parse("2026-01-01T10:00:00.900Z"));

    assertThat(entry.creationTimestamp()).isEqualTo(SAVED);
    assertThat(entry.lastHitTimestamp()).isEqualTo(SAVED);
    // Truncated as Argo's stored time is, the entry is older than its node's end: 10s after the
    // whole second is a hit, 10.9s after the save (10.9s after that second) is not.
    assertThat(Memoization.decide(entry, "10s", Instant.parse("2026-01-01T10:00:10Z")))
        .isInstanceOf(Memoization.Decision.Hit.class);
    assertThat(Memoization.decide(entry, "10s", Instant.parse("2026-01-01T10:00:10.900Z")))
        .isInstanceOf(Memoization.Decision.Miss.class);
  }

  @Test
  void theKeyIsSubstitutedWithTheNodesInputsThenCheckedAsArgosCacheChecksIt() {
    assertThat(Memoization.prepare(node("fib-{{inputs.parameters.n}}", "120s", "5"), SAVED))
        .isEqualTo(new Memoization.Lookup.Ready(new Memoize("fib-5", "120s", "fibonacci-m")));
    assertThat(Memoization.prepare(node("{{inputs.parameters.n}}", null, "a b"), SAVED))
        .isEqualTo(new Memoization.Lookup.Invalid("invalid cache key: a b"));
    assertThat(Memoization.prepare(node("-leading-dash", null, "1"), SAVED))
        .isEqualTo(new Memoization.Lookup.Invalid("invalid cache key: -leading-dash"));
    assertThat(Memoization.prepare(node("", null, "1"), SAVED))
        .isEqualTo(new Memoization.Lookup.Invalid("invalid cache key: "));
  }

  @Test
  void aMaxAgeGoCannotParseEndsTheNodeWithArgosMessage() {
    assertThat(Memoization.prepare(node("k", "10", "1"), SAVED))
        .isEqualTo(
            new Memoization.Lookup.Invalid(
                "invalid maxAge: time: missing unit in duration \"10\""));
    assertThat(Memoization.prepare(node("k", "{{inputs.parameters.n}}", "2d"), SAVED))
        .isEqualTo(
            new Memoization.Lookup.Invalid(
                "invalid maxAge: time: unknown unit \"d\" in duration \"2d\""));
  }

  @Test
  void theStatusNamesTheResolvedKeyAndTheCache() {
    var ready =
        (Memoization.Lookup.Ready)
            Memoization.prepare(node("k-{{inputs.parameters.n}}", null, "7"), SAVED);

    assertThat(ready.status(true)).isEqualTo(new MemoizationStatus(true, "k-7", "fibonacci-m"));
  }

  @Test
  void everyKindButSuspendSavesItsOutputs() {
    assertThat(Memoization.saves(new TemplateBody.SuspendBody(null))).isFalse();
    assertThat(Memoization.saves(new TemplateBody.StepsBody(List.of()))).isTrue();
  }

  @Test
  void anEntryReadsAndWritesArgosJsonFields() throws Exception {
    String json = Json.mapper().writeValueAsString(ENTRY);

    assertThat(json)
        .contains("\"nodeID\":\"memoized-abcde\"")
        .contains("\"creationTimestamp\":\"2026-01-01T10:00:00Z\"")
        .contains("\"lastHitTimestamp\":\"2026-01-01T10:00:00Z\"");
    assertThat(Json.mapper().readValue(json, CacheEntry.class)).isEqualTo(ENTRY);
    // An entry as Argo writes it in its ConfigMap (the example memoize-simple.yaml shows one).
    CacheEntry argo =
        Json.mapper()
            .readValue(
                "{\"nodeID\":\"memoized-hdckj\",\"outputs\":{\"parameters\":[{\"name\":\"hello\","
                    + "\"value\":\"different world\",\"valueFrom\":{\"path\":\"/tmp/hello_world.txt\"}}],"
                    + "\"exitCode\":\"0\"},\"creationTimestamp\":\"2021-10-12T15:14:04Z\","
                    + "\"lastHitTimestamp\":\"2021-10-12T15:14:04Z\"}",
                CacheEntry.class);
    assertThat(argo.outputs().parameters().getFirst().value()).isEqualTo("different world");
    assertThat(argo.creationTimestamp()).isEqualTo(Instant.parse("2021-10-12T15:14:04Z"));
  }

  /** A script template memoized with {@code key} and {@code maxAge}, given input {@code n}. */
  private static NodeSpec node(String key, String maxAge, String n) {
    Template template =
        new Template(
                "fib",
                new TemplateBody.ScriptBody(null, "print(1)"),
                List.of(new Parameter("n", null, null, null)),
                null,
                null,
                null,
                Map.of(),
                null,
                List.of(),
                null,
                null,
                null)
            .withMemoize(new Memoize(key, maxAge, "fibonacci-m"));
    return new NodeSpec(
        "wf",
        "argo",
        "wf",
        "wf",
        template,
        new TreeMap<>(Map.of("inputs.parameters.n", n, "workflow.name", "wf")),
        null,
        null,
        List.of());
  }
}
