package dev.targo.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLinesTest {

  @Test
  void splitsPrintedLinesIntoPodAndContent() {
    List<String> entries = new ArrayList<>();
    PrintWriter out = new PrintWriter(new LogLines((pod, line) -> entries.add(pod + "|" + line)));
    out.println("wf-main-1: hello: world");
    out.print("wf-main-2: partial");
    out.flush();
    assertThat(entries).containsExactly("wf-main-1|hello: world");
    out.println(" line");
    assertThat(entries).containsExactly("wf-main-1|hello: world", "wf-main-2|partial line");
  }
}
