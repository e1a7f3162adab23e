package dev.targo.worker.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a memory cgroup's OOM kills, as the node agent does once its container ended. */
class MemoryCgroupEventsTest {
  @TempDir Path dir;

  @Test
  void anOomKillCountAboveZeroIsAnOomKill() throws Exception {
    Files.writeString(
        dir.resolve("memory.events"),
        "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n");

    assertThat(new MemoryCgroups.Cgroup(dir, true).oomKilled()).isTrue();
  }

  @Test
  void noKillOrNoFileIsNone() throws Exception {
    assertThat(new MemoryCgroups.Cgroup(dir, true).oomKilled()).isFalse();
    Files.writeString(
        dir.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
    assertThat(new MemoryCgroups.Cgroup(dir, false).oomKilled()).isFalse();
  }
}
