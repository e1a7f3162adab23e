package dev.targo.cli.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.targo.argo.Json;
import dev.targo.argo.memo.CacheEntry;
import dev.targo.argo.plan.Memoize;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.worker.activity.CacheStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The memoization caches of {@code targo run}, kept between runs (docs/DESIGN.md §20): the embedded
 * Temporal server lives only as long as its process, so the entries of the caches a workflow names
 * are read from a folder into its cache store before the workflow starts, and written back once it
 * has ended. One JSON file per cache, {@code <cache>.json}, mapping each key to its entry as Argo
 * keeps it in its cache ConfigMap; deleting the file empties the cache.
 */
public final class RunCaches {
  private static final TypeReference<TreeMap<String, CacheEntry>> ENTRIES =
      new TypeReference<>() {};

  private final Path dir;
  private final List<String> caches;

  private RunCaches(Path dir, List<String> caches) {
    this.dir = dir;
    this.caches = caches;
  }

  /**
   * The caches {@code plan}'s templates name (only names without {@code {{…}}}: a name known only
   * at run time is kept for the run), in {@code dir}; null when it names none.
   */
  public static RunCaches of(WorkflowPlan plan, Path dir) {
    TreeSet<String> names = new TreeSet<>();
    for (Template t : plan.templates().values()) {
      Memoize m = t.memoize();
      if (m != null && m.cache() != null && !m.cache().isEmpty() && !m.cache().contains("{{")) {
        names.add(m.cache());
      }
    }
    return names.isEmpty() ? null : new RunCaches(dir, new ArrayList<>(names));
  }

  /** Saves the entries kept in the folder into {@code store}; returns how many. */
  public int load(CacheStore store) throws IOException {
    int n = 0;
    for (String cache : caches) {
      Path file = dir.resolve(cache + ".json");
      if (!Files.exists(file)) {
        continue;
      }
      Map<String, CacheEntry> entries = Json.mapper().readValue(file.toFile(), ENTRIES);
      for (Map.Entry<String, CacheEntry> e : entries.entrySet()) {
        store.save(cache, e.getKey(), e.getValue());
        n++;
      }
    }
    return n;
  }

  /** Writes every entry {@code store} holds in these caches to the folder. */
  public void save(CacheStore store) throws IOException {
    Files.createDirectories(dir);
    for (String cache : caches) {
      Map<String, CacheEntry> entries = new TreeMap<>();
      store.list(cache).forEach(s -> entries.put(s.key(), s.entry()));
      if (!entries.isEmpty()) {
        Path file = dir.resolve(cache + ".json");
        Path temp = dir.resolve(cache + ".json.tmp");
        Files.writeString(
            temp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(entries));
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
