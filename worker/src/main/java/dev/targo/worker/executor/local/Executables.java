package dev.targo.worker.executor.local;

import dev.targo.worker.executor.local.ContainerLaunch.StartException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a container's executable as Go's {@code exec.LookPath} does inside runc: a name with a
 * slash is used as a path (relative to the working directory), any other name is searched on {@code
 * PATH}. Failures carry runc's words ({@code exec: "x": executable file not found in $PATH}).
 */
final class Executables {
  private Executables() {}

  static String find(String name, String path, Path workingDir) throws StartException {
    if (name.contains("/")) {
      Path file = workingDir.resolve(name);
      if (!Files.exists(file)) {
        throw failure(name, "stat " + name + ": no such file or directory");
      }
      if (!isExecutable(file)) {
        throw failure(name, "permission denied");
      }
      return file.toString();
    }
    for (String dir : path.split(":", -1)) {
      // An empty PATH entry means the working directory, as in a shell.
      Path file = (dir.isEmpty() ? workingDir : workingDir.resolve(dir)).resolve(name);
      if (isExecutable(file)) {
        return file.toString();
      }
    }
    throw failure(name, "executable file not found in $PATH");
  }

  private static boolean isExecutable(Path file) {
    return Files.isRegularFile(file) && Files.isExecutable(file);
  }

  private static StartException failure(String name, String reason) {
    return new StartException(
        ContainerLaunch.RUNTIME_PREFIX + "exec: \"" + name + "\": " + reason + ": unknown");
  }
}
