package dev.targo.argo.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeNamesTest {

  @ParameterizedTest(name = "{0} shows as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "wf|wf",
        "wf(1)|wf(1)",
        "wf[0]|[0]",
        "wf[0].step|step",
        "wf(1)[0].step(2)|step(2)",
        "wf[0].a[1].b|b",
        "wf.task|task",
        "wf.task(0:1.5)|task(0:1.5)",
        "wf.task(1:a.b[c])|task(1:a.b[c])",
        "wf.onExit|onExit",
      })
  void displayNameIsTheLastSegmentOutsideParentheses(String name, String display) {
    assertThat(NodeNames.displayName("wf", name)).isEqualTo(display);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"my.wf|my.wf", "my.wf[0]|[0]", "my.wf.a|a"})
  void aDotInTheWorkflowNameIsNotASeparator(String name, String display) {
    assertThat(NodeNames.displayName("my.wf", name)).isEqualTo(display);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"stepGroup|wf[2]", "child|wf[2].s", "attempt|wf[2](3)"})
  void buildsNamesAsArgo(String kind, String expected) {
    String name =
        switch (kind) {
          case "stepGroup" -> NodeNames.stepGroup("wf", 2);
          case "child" -> NodeNames.child(NodeNames.stepGroup("wf", 2), "s");
          default -> NodeNames.attempt(NodeNames.stepGroup("wf", 2), 3);
        };
    assertThat(name).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "wf[0].a(1)|wf[0].a",
        "wf[0].a|wf[0]",
        "wf[0]|wf",
        "wf.task(1:a.b[c])|wf.task",
        "wf(0)[1].b|wf(0)[1]",
        "wf(2)|wf",
        "wf.onExit|wf"
      })
  void theEnclosingNameDropsTheLastSegment(String name, String enclosing) {
    assertThat(NodeNames.enclosing(name)).isEqualTo(enclosing);
  }

  @org.junit.jupiter.api.Test
  void theRootEnclosesNothing() {
    assertThat(NodeNames.enclosing("wf")).isNull();
  }
}
