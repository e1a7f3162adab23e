package dev.targo.cli.logs;

import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.cli.Console;
import dev.targo.cli.ExitCodes;
import dev.targo.cli.UserError;
import dev.targo.cli.client.RunRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Prints the logs of a workflow's pods, each line prefixed by its pod name as {@code argo logs}
 * does, for {@code targo logs} and {@code targo submit --log}. It is handed every state of the
 * workflow that is read and prints each pod's log once: from the local executor's state directory
 * (followed as the file grows while the pod runs, when following), or from the Kubernetes pod log
 * API (streamed while the pod runs, when following). When the pod's log is gone, the log tail the
 * worker kept in the node's {@code outputs.result} is printed instead, after a one-line note on
 * standard error.
 */
public final class PodLogPrinter implements AutoCloseable {
  /** How long streams still running when the workflow has ended may take to reach their end. */
  private static final long STREAM_GRACE_SECONDS = 5;

  private final Console console;
  private final PodLogSources sources;
  private final String only;
  private final boolean follow;
  private final Set<String> done = new HashSet<>();
  private final Map<String, Future<LogRead>> streams = new LinkedHashMap<>();

  /** Local pods whose log file is being followed while they run. */
  private final Map<String, LocalFollow> following = new HashMap<>();

  /** Pods whose log the source does not have, with why: their kept tail once they have ended. */
  private final Map<String, String> fallbacks = new HashMap<>();

  /**
   * @param only a pod name or node name to print alone, or null for every pod
   * @param follow true while the workflow is followed: a pod whose log is not there yet is tried
   *     again with the next state instead of being reported as having none
   */
  public PodLogPrinter(Console console, PodLogSources sources, String only, boolean follow) {
    this.console = console;
    this.sources = sources;
    this.only = only;
    this.follow = follow;
  }

  /** Prints the logs of the pods of {@code record} that are due and were not printed yet. */
  public void update(RunRecord record) throws InterruptedException {
    List<NodeStatus> pods = pods(record);
    if (only != null && pods.isEmpty() && !record.running()) {
      throw new UserError(ExitCodes.BAD_INPUT, "workflow " + record.name() + " has no pod " + only);
    }
    for (NodeStatus node : pods) {
      String pod = node.podName();
      if (done.contains(pod)) {
        continue;
      }
      if (fallbacks.containsKey(pod)) {
        if (node.phase().fulfilled()) {
          tail(node, fallbacks.remove(pod));
        }
        continue;
      }
      switch (sources.mode(record.name())) {
        case LOCAL -> local(node, record.running());
        case KUBERNETES -> kubernetes(node, record);
        case TAIL -> {
          if (node.phase().fulfilled()) {
            tail(node, null);
          }
        }
      }
    }
    synchronized (console.out()) {
      console.out().flush();
    }
  }

  /**
   * A pod of the local executor, whose log file grows as its container prints: followed by byte
   * offset while it runs (with {@code -f}), printed as far as it goes without {@code -f}, and to
   * its end once the pod has ended.
   */
  private void local(NodeStatus node, boolean running) {
    String pod = node.podName();
    LocalFollow followed = following.get(pod);
    if (!node.phase().fulfilled()) {
      if (follow) {
        following.computeIfAbsent(pod, p -> new LocalFollow()).read(pod, false);
      } else {
        // Without -f, a running pod's log as far as it was written, as kubectl logs prints it.
        sources.local().read(pod).ifPresent(text -> lines(pod, text));
        done.add(pod);
      }
      return;
    }
    if (followed != null) {
      following.remove(pod);
      if (followed.read(pod, true) || followed.printed > 0) {
        done.add(pod);
        return;
      }
    } else {
      Optional<String> text = sources.local().read(pod);
      if (text.isPresent()) {
        lines(pod, text.get());
        done.add(pod);
        return;
      }
    }
    if (!follow || !running) {
      tail(node, "no log of pod " + pod + " in " + sources.local().stateDir());
    }
  }

  /** A local pod's log being followed: how far it was read, and a line not yet ended. */
  private final class LocalFollow {
    private long offset;
    private long printed;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    /**
     * Prints the complete lines written since the last read, and with {@code end} the last line
     * too. False when the pod has no log file.
     */
    boolean read(String pod, boolean end) {
      while (true) {
        Optional<byte[]> chunk = sources.local().readFrom(pod, offset);
        if (chunk.isEmpty()) {
          return false;
        }
        byte[] bytes = chunk.get();
        offset += bytes.length;
        partial.write(bytes, 0, bytes.length);
        if (bytes.length < PodLogs.CHUNK) {
          break;
        }
      }
      byte[] all = partial.toByteArray();
      int cut = end ? all.length : lastNewline(all) + 1;
      if (cut > 0) {
        String text = new String(all, 0, cut, StandardCharsets.UTF_8);
        lines(pod, text);
        printed += cut;
        partial.reset();
        partial.write(all, cut, all.length - cut);
      }
      return true;
    }

    private static int lastNewline(byte[] bytes) {
      for (int i = bytes.length - 1; i >= 0; i--) {
        if (bytes[i] == '\n') {
          return i;
        }
      }
      return -1;
    }
  }

  private void kubernetes(NodeStatus node, RunRecord record) throws InterruptedException {
    String pod = node.podName();
    Future<LogRead> stream = streams.get(pod);
    if (stream != null) {
      if (stream.isDone() || !record.running()) {
        streams.remove(pod);
        handle(node, record, await(stream));
      }
      return;
    }
    if (node.phase() != NodePhase.Running && !node.phase().fulfilled()) {
      return;
    }
    if (follow && record.running()) {
      FutureTask<LogRead> task =
          new FutureTask<>(
              () -> sources.kubernetes().read(record.namespace(), pod, true, l -> line(pod, l)));
      Thread.ofVirtual().name("targo-log-" + pod).start(task);
      streams.put(pod, task);
    } else {
      handle(
          node,
          record,
          sources.kubernetes().read(record.namespace(), pod, false, l -> line(pod, l)));
    }
  }

  private void handle(NodeStatus node, RunRecord record, LogRead read) {
    String pod = node.podName();
    String why =
        switch (read) {
          case LogRead.Printed p -> null;
          case LogRead.NotYet n ->
              node.phase().fulfilled()
                  ? "pod " + pod + " has no log: its container never ran"
                  : null;
          case LogRead.Gone g -> "pod " + pod + " is gone from namespace " + record.namespace();
          case LogRead.Refused r -> "cannot read the log of pod " + pod + ": " + r.reason();
          case LogRead.Unreachable u -> {
            console.err().println("targo: cannot read pod logs from Kubernetes: " + u.reason());
            sources.fallBackToTails();
            yield "pod " + pod + " cannot be read";
          }
        };
    if (read instanceof LogRead.Printed) {
      done.add(pod);
    } else if (why != null) {
      if (node.phase().fulfilled()) {
        tail(node, why);
      } else {
        fallbacks.put(pod, why);
      }
    }
  }

  /** The log tail the worker kept in the node's outputs, with a note saying why and what it is. */
  private void tail(NodeStatus node, String why) {
    String pod = node.podName();
    String kept = node.outputs() == null ? null : node.outputs().result();
    if (kept == null) {
      console
          .err()
          .println(
              "targo: "
                  + (why == null
                      ? "the worker kept no log of pod " + pod
                      : why + "; the worker kept no log of it"));
    } else {
      if (why != null) {
        console.err().println("targo: " + why + "; printing the log tail the worker kept");
      }
      lines(pod, kept);
    }
    done.add(pod);
  }

  private LogRead await(Future<LogRead> stream) throws InterruptedException {
    try {
      return stream.get(STREAM_GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return new LogRead.Refused(String.valueOf(e.getCause()));
    } catch (TimeoutException e) {
      // The workflow has ended, so its pods have: what the stream delivered is all there is.
      stream.cancel(true);
      return new LogRead.Printed();
    }
  }

  private List<NodeStatus> pods(RunRecord record) {
    return record.status().nodes().values().stream()
        .filter(n -> n.type() == NodeType.Pod && n.podName() != null)
        .filter(
            n ->
                only == null
                    || only.equals(n.podName())
                    || only.equals(n.displayName())
                    || only.equals(n.name()))
        .toList();
  }

  /** Each line of {@code text}; a final newline ends the last line, it does not start one. */
  private void lines(String pod, String text) {
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (!body.isEmpty()) {
      for (String line : body.split("\n", -1)) {
        line(pod, line);
      }
    }
  }

  private void line(String pod, String text) {
    synchronized (console.out()) {
      console.out().println(pod + ": " + text);
      if (follow) {
        console.out().flush();
      }
    }
  }

  @Override
  public void close() {
    streams.values().forEach(s -> s.cancel(true));
    sources.close();
  }
}
