package dev.targo.worker.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.Names;
import dev.targo.argo.memo.CacheEntry;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.status.NodeOutputs;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The memoization caches kept in Temporal: one open workflow per entry, its memo the entry. */
class CacheStoreTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private static CacheEntry entry(String node, String value) {
    return CacheEntry.saved(
        node,
        new NodeOutputs("0", null, List.of(Parameter.of("hello", value))),
        Instant.parse("2026-01-02T03:04:05.678Z"));
  }

  @Test
  void aSavedEntryIsReadBackAndASecondSaveReplacesIt() {
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));
    CacheStore store = new CacheStore(harness.client(), Names.TASK_QUEUE);

    assertThat(store.load("cache-config", "cache-key")).isNull();
    store.save("cache-config", "cache-key", entry("memoized-abcde", "world"));
    CacheEntry first = store.load("cache-config", "cache-key");
    store.save("cache-config", "cache-key", entry("memoized-fghij", "different world"));
    CacheEntry second = store.load("cache-config", "cache-key");

    assertThat(first).isEqualTo(entry("memoized-abcde", "world"));
    assertThat(first.creationTimestamp()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(second.nodeID()).isEqualTo("memoized-fghij");
    assertThat(store.load("other-cache", "cache-key")).isNull();
    assertThat(store.list("cache-config"))
        .containsExactly(
            new CacheStore.Stored(
                "cache-config", "cache-key", entry("memoized-fghij", "different world")));
    assertThat(store.delete("cache-config", "cache-key", "test")).isTrue();
    assertThat(store.load("cache-config", "cache-key")).isNull();
  }

  @Test
  void aLongKeyEndsItsIdInAHashAndIsStillFoundByItsWholeKey() {
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));
    CacheStore store = new CacheStore(harness.client(), Names.TASK_QUEUE);
    String key = "k".repeat(300);

    store.save("c", key, entry("n", "v"));

    assertThat(CacheStore.workflowId("c", key))
        .hasSize(CacheStore.MAX_ID)
        .startsWith("targo:memo/c/kkk");
    assertThat(CacheStore.workflowId("c", "short")).isEqualTo("targo:memo/c/short");
    assertThat(store.load("c", key).nodeID()).isEqualTo("n");
    assertThat(store.load("c", key + "x")).isNull();
  }
}
