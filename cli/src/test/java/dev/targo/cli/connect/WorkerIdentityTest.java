package dev.targo.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerIdentityTest {

  @Test
  void namesTheExecutorAfterTemporalsPidAtHost() {
    assertThat(WorkerIdentity.of("kubernetes"))
        .matches("[0-9]+@.+ \\(targo kubernetes executor\\)");
  }

  @Test
  void readsTheExecutorBackFromAnIdentity() {
    assertThat(WorkerIdentity.executor(WorkerIdentity.of("local"))).contains("local");
  }

  @Test
  void findsNoExecutorInAnotherWorkersIdentity() {
    assertThat(WorkerIdentity.executor("4242@worker-7")).isEmpty();
    assertThat(WorkerIdentity.executor(null)).isEmpty();
  }
}
