package dev.targo.api.temporal;

import dev.targo.api.Names;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/**
 * Reads the ConfigMaps whose keys give parameter values (Argo's {@code valueFrom.configMapKeyRef}),
 * when a workflow starts.
 */
@ActivityInterface
public interface ConfigMapActivities {

  /**
   * The data of each ConfigMap of {@code names} in {@code namespace}, by name; one that does not
   * exist is absent. Read from the worker's {@code --config-map} files, then its executor's
   * cluster.
   */
  @ActivityMethod(name = Names.ACTIVITY_CONFIG_MAPS)
  Map<String, Map<String, String>> configMaps(String namespace, List<String> names);
}
