package dev.targo.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** What the machine was: its cores and how loaded it was, read beside every set of figures. */
public final class Machine {
  private Machine() {}

  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * The 1, 5 and 15 minute load averages ({@code /proc/loadavg}); the JVM's 1-minute figure alone
   * where that file is missing. Other engineers' builds on a shared machine show up here.
   */
  public static List<Double> loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return Arrays.stream(fields, 0, 3).map(Double::parseDouble).toList();
    } catch (IOException | RuntimeException e) {
      return List.of(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** Heap in use after a full collection, in MiB (the figure a capacity question is about). */
  public static double heapAfterGcMiB() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
  }

  /** Live platform threads of this JVM (virtual threads are not counted by the JVM here). */
  public static int platformThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }
}
