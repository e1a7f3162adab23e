package dev.targo.bench;

import dev.targo.argo.plan.Artifact;
import dev.targo.worker.artifact.ArtifactStaging;
import dev.targo.worker.artifact.EmbeddedObjectStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@code scripts/bench-artifacts [--mib N]}: one large artifact through the worker's artifact code
 * and the embedded s3proxy, as a pod's output is saved and the next pod's input loaded, with each
 * archive mode. Prints the time and throughput of each step and the largest heap the JVM used
 * (sampled every 20 ms); the script runs it with a heap much smaller than the artifact, so that it
 * cannot pass unless the bytes are streamed.
 */
public final class ArtifactStreaming {
  private ArtifactStreaming() {}

  public static void main(String[] args) throws Exception {
    long mib = 1024;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--mib")) {
        mib = Long.parseLong(args[++i]);
      }
    }
    Path work = Files.createTempDirectory("targo-bench-artifacts-");
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong peak = new AtomicLong();
    Thread sampler =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                      Thread.sleep(20);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    Path root = work.resolve("root");
    Function<String, Path> hostPath = p -> root.resolve(p.substring(1));
    Path file = hostPath.apply("/out/data.bin");
    Files.createDirectories(file.getParent());
    write(file, mib);
    System.out.printf(
        Locale.ROOT,
        "artifact: %d MiB of pseudo-random bytes; max heap %d MiB%n",
        mib,
        Runtime.getRuntime().maxMemory() >> 20);
    try (EmbeddedObjectStore store = EmbeddedObjectStore.start(work.resolve("store"));
        ArtifactStaging staging = new ArtifactStaging(store.repository(), null)) {
      Map<String, String> keyVars =
          Map.of("workflow.name", "bench", "workflow.namespace", "default", "pod.name", "pod");
      for (String archive : new String[] {Artifact.ARCHIVE_NONE, Artifact.ARCHIVE_TAR}) {
        Artifact out =
            new Artifact(
                "data-" + archive,
                "/out/data.bin",
                null,
                null,
                null,
                archive,
                null,
                null,
                archive.equals(Artifact.ARCHIVE_TAR) ? 1 : null,
                null,
                null,
                null,
                null);
        peak.set(0);
        long t0 = System.nanoTime();
        ArtifactStaging.Saved saved =
            staging.save(List.of(out), hostPath, work.resolve("scratch"), keyVars);
        if (saved.error() != null) {
          throw new IllegalStateException(saved.error());
        }
        long t1 = System.nanoTime();
        report("save (" + archive + ")", mib, t1 - t0, peak.get());
        Artifact in =
            new Artifact(
                    "in",
                    "/in/data.bin",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)
                .locatedAt(saved.artifacts().getFirst());
        peak.set(0);
        long t2 = System.nanoTime();
        staging.load(List.of(in), hostPath, work.resolve("scratch"));
        long t3 = System.nanoTime();
        report("load (" + archive + ")", mib, t3 - t2, peak.get());
        long size = Files.size(hostPath.apply("/in/data.bin"));
        if (size != mib << 20) {
          throw new IllegalStateException("loaded " + size + " bytes, expected " + (mib << 20));
        }
        Files.delete(hostPath.apply("/in/data.bin"));
      }
    } finally {
      sampler.interrupt();
      try (var walk = Files.walk(work)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void report(String step, long mib, long nanos, long peakHeap) {
    double seconds = nanos / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-14s %7.1f s  %7.1f MiB/s  peak heap %4d MiB%n",
        step,
        seconds,
        mib / seconds,
        peakHeap >> 20);
  }

  /** Writes {@code mib} MiB of cheap pseudo-random bytes (gzip cannot shrink them away). */
  private static void write(Path file, long mib) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (long i = 0; i < mib; i++) {
        for (int j = 0; j < block.length; j += 8) {
          long v = random.nextLong();
          for (int k = 0; k < 8; k++) {
            block[j + k] = (byte) (v >>> (8 * k));
          }
        }
        out.write(block);
      }
    }
  }
}
