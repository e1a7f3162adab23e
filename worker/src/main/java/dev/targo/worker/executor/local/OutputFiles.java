package dev.targo.worker.executor.local;

import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.pod.SavedParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a finished pod's {@code outputs.parameters} with {@code valueFrom.path}, as Argo's wait
 * container does ({@code SaveParameters}): the file's content, or {@code valueFrom.default} when it
 * cannot be read, one trailing newline trimmed ({@link SavedParameters}). Where the file lies on
 * this machine is the pod's business ({@link PodRoot#hostPath}): inside the pod's own root when it
 * runs sandboxed, this machine's path (or the working directory's, for a relative one) otherwise.
 */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * The values read, or the reason the attempt ends in Error.
   *
   * @param values values by name, in declaration order, or null when the template declares no path
   *     parameters
   * @param error the problem, or null
   */
  record Read(Map<String, String> values, String error) {}

  /**
   * @param hostPath where a path the container wrote lies on this machine
   */
  static Read read(Template template, Function<String, Path> hostPath) {
    Map<String, String> values = new LinkedHashMap<>();
    long total = 0;
    for (OutputParameter p : template.outputs()) {
      if (p.path() == null) {
        continue;
      }
      Path file = hostPath.apply(p.path());
      String value;
      try {
        long size = Files.size(file);
        total += size;
        if (total > SavedParameters.MAX_TOTAL_BYTES) {
          // Checked before reading, so that a huge file never reaches memory.
          return new Read(values, SavedParameters.tooLarge(total));
        }
        value = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        if (p.defaultValue() == null) {
          String why =
              e instanceof NoSuchFileException ? "no such file or directory" : e.toString();
          return new Read(
              values,
              "failed to get output parameter " + p.name() + ": open " + p.path() + ": " + why);
        }
        value = p.defaultValue();
      }
      values.put(p.name(), SavedParameters.saved(value));
    }
    return new Read(values.isEmpty() ? null : values, null);
  }
}
