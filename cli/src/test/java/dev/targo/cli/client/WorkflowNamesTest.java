package dev.targo.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.translator.KubeNames;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WorkflowNamesTest {

  @Test
  void aGeneratedNameIsThePrefixAndFiveCharactersOfKubernetesAlphabet() {
    String name = WorkflowNames.generate("retry-", new Random(7));

    assertThat(name).matches("retry-[bcdfghjklmnpqrstvwxz2456789]{5}");
  }

  @Test
  void aPrefixLongerThanFiftyEightCharactersIsCutAsKubernetesCutsIt() {
    String prefix = "p".repeat(70) + "-";

    String name = WorkflowNames.generate(prefix, new Random(7));

    assertThat(name).hasSize(63).startsWith("p".repeat(58));
    assertThat(KubeNames.workflowName(name)).isNull();
  }
}
