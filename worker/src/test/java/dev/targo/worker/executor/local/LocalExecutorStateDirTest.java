package dev.targo.worker.executor.local;

import static dev.targo.worker.executor.local.Requests.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.AttemptOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a pod leaves in the state directory: a log written as it prints, and when it goes. */
@Timeout(30)
class LocalExecutorStateDirTest {

  @TempDir Path state;

  @Test
  void aRunningPodsLogIsInItsFileBeforeThePodEnds() throws Exception {
    try (LocalExecutor executor =
        new LocalExecutor(LocalExecutorOptions.defaults().withStateDir(state))) {
      CompletableFuture<AttemptOutcome> outcome =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return executor.run(
                      pod("chatty", "sh", "-c", "echo first; echo oops >&2; sleep 5; echo last")
                          .build(),
                      progress -> {});
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      Path log = state.resolve("chatty").resolve("main.log");
      Instant deadline = Instant.now().plusSeconds(10);
      while (!(Files.exists(log) && Files.readString(log).contains("oops"))
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }

      assertThat(outcome).isNotDone();
      assertThat(Files.readString(log))
          .contains("first\n")
          .contains("oops\n")
          .doesNotContain("last");
      assertThat(state.resolve("chatty").resolve("ended")).doesNotExist();

      outcome.get(20, TimeUnit.SECONDS);
      assertThat(Files.readString(log)).endsWith("last\n");
      assertThat(state.resolve("chatty").resolve("ended")).exists();
    }
  }

  @Test
  void theDirectoriesOfPodsThatEndedLongerAgoThanTheRetentionAreRemoved() throws Exception {
    Path old = endedPod("old", Duration.ofHours(25));
    Path young = endedPod("young", Duration.ofHours(1));
    Path unended = Files.createDirectories(state.resolve("unended"));
    Files.writeString(unended.resolve("main.log"), "still running elsewhere\n");
    Files.setLastModifiedTime(unended.resolve("main.log"), ago(Duration.ofDays(3)));
    Path notAPod = endedPod("Not_A_Pod", Duration.ofDays(3));
    PodDirectorySweeper sweeper =
        new PodDirectorySweeper(state, Duration.ofHours(24), Clock.systemUTC(), name -> false);

    assertThat(sweeper.sweep()).containsExactly("old");

    assertThat(old).doesNotExist();
    assertThat(young).exists();
    assertThat(unended).exists();
    assertThat(notAPod).exists();
  }

  @Test
  void aPodThisExecutorStillRunsIsNeverRemoved() throws Exception {
    endedPod("readopted", Duration.ofDays(2));
    PodDirectorySweeper sweeper =
        new PodDirectorySweeper(
            state, Duration.ofHours(1), Clock.systemUTC(), name -> name.equals("readopted"));

    assertThat(sweeper.sweep()).isEmpty();
    assertThat(state.resolve("readopted")).exists();
  }

  @Test
  void theExecutorSweepsAtStartWithItsRetention() throws Exception {
    Path old = endedPod("yesterday", Duration.ofHours(30));

    try (LocalExecutor executor =
        new LocalExecutor(
            LocalExecutorOptions.defaults()
                .withStateDir(state)
                .withPodRetention(Duration.ofHours(24)))) {
      Instant deadline = Instant.now().plusSeconds(10);
      while (Files.exists(old) && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
    }

    assertThat(old).doesNotExist();
  }

  @Test
  void aRetentionOfZeroKeepsEveryPod() throws Exception {
    Path old = endedPod("kept", Duration.ofDays(30));

    try (LocalExecutor executor =
        new LocalExecutor(
            LocalExecutorOptions.defaults().withStateDir(state).withPodRetention(Duration.ZERO))) {
      Thread.sleep(300);
    }

    assertThat(old).exists();
  }

  private Path endedPod(String name, Duration endedAgo) throws Exception {
    Path dir = Files.createDirectories(state.resolve(name).resolve("work"));
    Files.writeString(dir.resolve("out.txt"), "a file the pod wrote\n");
    Path pod = state.resolve(name);
    Files.writeString(pod.resolve("main.log"), "done\n");
    Files.writeString(pod.resolve("ended"), "");
    Files.setLastModifiedTime(pod.resolve("ended"), ago(endedAgo));
    return pod;
  }

  private static FileTime ago(Duration d) {
    return FileTime.from(Instant.now().minus(d));
  }
}
