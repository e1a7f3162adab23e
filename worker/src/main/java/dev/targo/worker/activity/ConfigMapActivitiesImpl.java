package dev.targo.worker.activity;

import dev.targo.api.temporal.ConfigMapActivities;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads ConfigMaps for parameter values from the same sources as semaphore limits: the worker's
 * {@code --config-map} files, then its executor's cluster.
 */
public final class ConfigMapActivitiesImpl implements ConfigMapActivities {
  private final SemaphoreLimits sources;

  public ConfigMapActivitiesImpl(SemaphoreLimits sources) {
    this.sources = sources;
  }

  @Override
  public Map<String, Map<String, String>> configMaps(String namespace, List<String> names) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (String name : names) {
      Map<String, String> data = sources.configMap(namespace, name);
      if (data != null) {
        out.put(name, new TreeMap<>(data));
      }
    }
    return out;
  }
}
