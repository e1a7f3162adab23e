package dev.targo.worker.nodeagent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the files a container sees through its mounts lie on this machine. A container's process
 * runs here, not in its own file system, so each {@code emptyDir} volume is a folder of the pod and
 * the termination message file one of the container; every occurrence of their in-container paths
 * in the command, the arguments and the environment values is rewritten to those folders (a script
 * template's {@code /argo/staging/script}, an output parameter written to {@code /tmp/out.txt}).
 * Paths are replaced only as whole path prefixes, never inside a longer name.
 */
final class ContainerPaths {
  private final List<Map.Entry<String, String>> mounts;

  private ContainerPaths(Map<String, String> containerToHost) {
    List<Map.Entry<String, String>> sorted = new ArrayList<>(containerToHost.entrySet());
    // The longest path first, so a file under a mount wins over the mount itself.
    sorted.sort(
        Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    this.mounts = List.copyOf(sorted);
  }

  /** Paths from in-container absolute paths to paths of this machine. */
  static ContainerPaths of(Map<String, Path> containerToHost) {
    Map<String, String> map = new LinkedHashMap<>();
    containerToHost.forEach(
        (inside, host) -> {
          String key =
              inside.endsWith("/") && inside.length() > 1
                  ? inside.substring(0, inside.length() - 1)
                  : inside;
          if (key.startsWith("/") && key.length() > 1) {
            map.put(key, host.toString());
          }
        });
    return new ContainerPaths(map);
  }

  /** These paths and {@code inside} at {@code host} (a container's own file), which wins. */
  ContainerPaths with(String inside, Path host) {
    Map<String, String> map = new LinkedHashMap<>();
    mounts.forEach(m -> map.put(m.getKey(), m.getValue()));
    map.put(inside, host.toString());
    return new ContainerPaths(map);
  }

  /** {@code text} with every mounted path replaced by its folder on this machine. */
  String rewrite(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (Map.Entry<String, String> m : mounts) {
      // Not preceded by a path character (so /x/tmp is not /tmp), followed by the end, a slash, or
      // anything that cannot continue a file name.
      Pattern p = Pattern.compile("(?<![\\w./-])" + Pattern.quote(m.getKey()) + "(?=$|[^\\w.-])");
      out = p.matcher(out).replaceAll(Matcher.quoteReplacement(m.getValue()));
    }
    return out;
  }

  List<String> rewrite(List<String> values) {
    return values == null ? List.of() : values.stream().map(this::rewrite).toList();
  }
}
