package dev.targo.worker.activity;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * Where semaphore limits come from, as in Argo: a key of a ConfigMap in the workflow's namespace
 * ({@code configMapKeyRef}), read through the worker's executor (the ConfigMap files given to the
 * worker, then its cluster's ConfigMaps). A {@code database} semaphore's limit, which Argo keeps in
 * its database's {@code sync_limit} table, is the key of that name in ConfigMap {@value
 * #DATABASE_LIMITS} of the namespace: targo keeps its locks in Temporal and has no SQL table. The
 * limit is read each time a workflow asks for the lock, so a changed limit applies to later
 * requests.
 */
public final class SemaphoreLimits {
  /** The ConfigMap holding the limits of {@code database} semaphores, by key. */
  public static final String DATABASE_LIMITS = "targo-database-semaphores";

  private final BiFunction<String, String, Map<String, String>> configMaps;

  private SemaphoreLimits(BiFunction<String, String, Map<String, String>> configMaps) {
    this.configMaps = configMaps;
  }

  /** Limits read from {@code configMaps} ({@code (namespace, name)} to data, or null). */
  public static SemaphoreLimits of(BiFunction<String, String, Map<String, String>> configMaps) {
    return new SemaphoreLimits(configMaps);
  }

  /** The data of ConfigMap {@code name} in {@code namespace}, or null when there is none. */
  public Map<String, String> configMap(String namespace, String name) {
    return configMaps.apply(namespace, name);
  }

  /** The limit of {@code ref} ({@code <configmap>/<key>} or {@code database/<key>}), or null. */
  Integer limit(String namespace, String ref) {
    int slash = ref.indexOf('/');
    String name = ref.startsWith("database/") ? DATABASE_LIMITS : ref.substring(0, slash);
    String key = ref.substring(slash + 1);
    Map<String, String> data = configMaps.apply(namespace, name);
    String value = data == null ? null : data.get(key);
    if (value == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(value.strip());
      return n >= 1 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
