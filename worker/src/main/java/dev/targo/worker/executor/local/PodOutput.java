package dev.targo.worker.executor.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A pod's output: stdout and stderr together as its log, stdout alone for Argo's {@code
 * outputs.result}, each bounded to the last 256 KiB (Argo's limit for the result). Pumped from the
 * process by two virtual threads.
 */
final class PodOutput {

  /** Bound of the log and of the result. */
  static final int LIMIT = 256 * 1024;

  /** How long output may still drain after the process exited (an orphan may hold the pipe). */
  private static final Duration DRAIN = Duration.ofSeconds(1);

  private final TailBuffer combined = new TailBuffer(LIMIT);
  private final TailBuffer stdout = new TailBuffer(LIMIT);
  private Thread outPump;
  private Thread errPump;

  /** Starts copying the process's output. */
  void pump(Process process, String podName) {
    outPump = pump(process.getInputStream(), podName + "-stdout", true);
    errPump = pump(process.getErrorStream(), podName + "-stderr", false);
  }

  /** Waits for the pumps to reach the end of the output, at most {@link #DRAIN} each. */
  void drain() throws InterruptedException {
    if (outPump != null) {
      outPump.join(DRAIN);
      errPump.join(DRAIN);
    }
  }

  String log() {
    return combined.text();
  }

  /** Argo's {@code outputs.result}: stdout with a single trailing newline trimmed. */
  String result() {
    String s = stdout.text();
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  void writeLog(Path file) throws IOException {
    Files.writeString(file, log());
  }

  private Thread pump(InputStream in, String name, boolean isStdout) {
    return Thread.ofVirtual()
        .name("targo-pod-" + name)
        .start(
            () -> {
              byte[] buffer = new byte[8192];
              try (in) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                  combined.write(buffer, 0, n);
                  if (isStdout) {
                    stdout.write(buffer, 0, n);
                  }
                }
              } catch (IOException e) {
                // The stream was closed under us: the process is gone, its output ends here.
              }
            });
  }
}
