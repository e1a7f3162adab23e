package dev.targo.worker.executor.local;

import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a finished pod's {@code outputs.parameters} with {@code valueFrom.path}, as Argo's wait
 * container does: the file's content, or {@code valueFrom.default} when it cannot be read. An
 * absolute path is this machine's (the local executor runs no container image); a relative one lies
 * in the pod's working directory. A value is at most {@link #MAX_BYTES} bytes, what one parameter
 * can carry through a Kubernetes termination message.
 */
final class OutputFiles {
  private OutputFiles() {}

  static final int MAX_BYTES = 4096;

  /**
   * The values read, or the reason the attempt ends in Error.
   *
   * @param values values by name, in declaration order, or null when the template declares no path
   *     parameters
   * @param error the problem, or null
   */
  record Read(Map<String, String> values, String error) {}

  static Read read(Template template, Path workingDir) {
    Map<String, String> values = new LinkedHashMap<>();
    for (OutputParameter p : template.outputs()) {
      if (p.path() == null) {
        continue;
      }
      Path file = workingDir.resolve(p.path());
      String value;
      try {
        if (Files.size(file) > MAX_BYTES) {
          return new Read(
              values,
              "output parameter "
                  + p.name()
                  + " is larger than "
                  + MAX_BYTES
                  + " bytes: "
                  + p.path());
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
      values.put(p.name(), value);
    }
    return new Read(values.isEmpty() ? null : values, null);
  }
}
