package dev.targo.worker.executor.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pod's output: stdout and stderr together as its log, stdout alone for Argo's {@code
 * outputs.result}, each kept in memory bounded to the last 256 KiB (Argo's limit for the result).
 * Pumped from the process by two virtual threads, which also append the log to the pod's {@code
 * main.log} as it comes, so that {@code targo logs -f} can follow a running pod as {@code kubectl
 * logs -f} does. The file stops growing at {@link #FILE_LIMIT}, with a line saying so.
 */
final class PodOutput {
  private static final Logger log = LoggerFactory.getLogger(PodOutput.class);

  /** Bound of the log and of the result. */
  static final int LIMIT = 256 * 1024;

  /** Bound of {@code main.log}: the kubelet's default {@code containerLogMaxSize}. */
  static final long FILE_LIMIT = 10L * 1024 * 1024;

  /** How long output may still drain after the process exited (an orphan may hold the pipe). */
  private static final Duration DRAIN = Duration.ofSeconds(1);

  private final TailBuffer combined = new TailBuffer(LIMIT);
  private final TailBuffer stdout = new TailBuffer(LIMIT);
  private final PodOutput pod;
  private Thread outPump;
  private Thread errPump;
  private OutputStream file; // guarded by this
  private Path filePath; // guarded by this
  private long fileBytes; // guarded by this
  private volatile boolean sourceEnded;

  /** The output of a pod's only container: its log is the pod's. */
  PodOutput() {
    this(null);
  }

  /**
   * The output of one container of a {@code containerSet} pod: kept on its own, and copied into
   * {@code pod}'s log as it comes, so that the pod's log holds every container's output.
   */
  PodOutput(PodOutput pod) {
    this.pod = pod;
  }

  /** Opens {@code logFile} for the log (once; later calls keep the file open). */
  synchronized void open(Path logFile) throws IOException {
    if (filePath == null) {
      filePath = logFile;
      file = Files.newOutputStream(logFile);
    }
  }

  /**
   * Starts copying the process's output, to memory and to {@code logFile}. The same output may pump
   * several processes one after the other (a container's command run again in place): their output
   * follows each other in the log.
   */
  void pump(Process process, String podName, Path logFile) throws IOException {
    open(logFile);
    outPump = pump(process.getInputStream(), podName + "-stdout", true);
    errPump = pump(process.getErrorStream(), podName + "-stderr", false);
  }

  /**
   * Starts copying a supervised container's output from the files its supervisor writes ({@link
   * PodSupervisor}), from their start, to memory and to {@code logFile}; the files are followed as
   * they grow until {@link #sourceEnded()}.
   */
  void follow(Path stdoutFile, Path stderrFile, String podName, Path logFile) throws IOException {
    open(logFile);
    outPump = pump(new FollowedFile(stdoutFile), podName + "-stdout", true);
    errPump = pump(new FollowedFile(stderrFile), podName + "-stderr", false);
  }

  /** The followed files are complete: the pumps stop at their end. */
  void sourceEnded() {
    sourceEnded = true;
  }

  /** Waits for the pumps to reach the end of the output, at most {@link #DRAIN} each. */
  void awaitPumps() throws InterruptedException {
    if (outPump != null) {
      outPump.join(DRAIN);
      errPump.join(DRAIN);
    }
  }

  /**
   * Waits for the pumps to reach the end of the output, at most {@link #DRAIN} each, and closes the
   * log file.
   */
  void drain() throws InterruptedException {
    awaitPumps();
    closeFile();
  }

  /** Closes the log file. */
  void close() {
    closeFile();
  }

  String log() {
    return combined.text();
  }

  /** Argo's {@code outputs.result}: stdout with a single trailing newline trimmed. */
  String result() {
    String s = stdout.text();
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * Writes the log to {@code file} for a pod whose output was not streamed there (its container
   * never started); a streamed log is complete already.
   */
  void writeLog(Path file) throws IOException {
    synchronized (this) {
      if (filePath != null) {
        return;
      }
    }
    Files.writeString(file, log());
  }

  /** The log's file, once opened, else null. */
  synchronized Path file() {
    return filePath;
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
                  append(buffer, n);
                  if (pod != null) {
                    pod.combined.write(buffer, 0, n);
                    pod.append(buffer, n);
                  }
                }
              } catch (IOException e) {
                // The stream was closed under us: the process is gone, its output ends here.
              }
            });
  }

  /** Appends to the log file, one chunk at a time, so stdout and stderr interleave by chunk. */
  private synchronized void append(byte[] bytes, int length) {
    if (file == null) {
      return;
    }
    try {
      if (fileBytes + length > FILE_LIMIT) {
        file.write(
            ("\ntargo: the log of this pod is longer than "
                    + FILE_LIMIT / (1024 * 1024)
                    + " MiB; the rest is not kept in this file\n")
                .getBytes(StandardCharsets.UTF_8));
        closeFile();
        return;
      }
      file.write(bytes, 0, length);
      file.flush();
      fileBytes += length;
    } catch (IOException e) {
      log.warn("could not write the log of pod to {}: {}", filePath, e.toString());
      closeFile();
    }
  }

  private synchronized void closeFile() {
    if (file == null) {
      return;
    }
    try {
      file.close();
    } catch (IOException e) {
      log.warn("could not close the log file {}: {}", filePath, e.toString());
    }
    file = null;
  }

  /**
   * A file being written by another process, read as a stream that waits at its end for more until
   * the writer has ended ({@link #sourceEnded}); a file not there yet is waited for the same way.
   */
  private final class FollowedFile extends InputStream {
    /** How often the end of a growing file is looked at again. */
    private static final long POLL_MILLIS = 100;

    private final Path path;
    private InputStream in;

    FollowedFile(Path path) {
      this.path = path;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (true) {
        // Read before looking at the end mark: what was written before it is never lost.
        boolean last = sourceEnded;
        if (in == null && Files.exists(path)) {
          in = Files.newInputStream(path);
        }
        int n = in == null ? -1 : in.read(b, off, len);
        if (n != -1 || last) {
          return n;
        }
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return -1;
        }
      }
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close();
      }
    }
  }
}
