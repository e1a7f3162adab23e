package dev.targo.translator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Splits a file into its documents as Argo's {@code lint} and {@code submit} do ({@code
 * common.SplitWorkflowYAMLFile}): documents separated by {@code ---}, empty ones skipped. Pure.
 */
public final class Documents {
  private Documents() {}

  /**
   * The documents of one file and the problems that kept any of it from being read.
   *
   * @param documents every non-empty document, in order
   * @param problems syntax and limit problems, sorted
   */
  public record Split(List<Document> documents, List<Problem> problems) {
    public Split {
      documents = List.copyOf(documents);
      problems = List.copyOf(problems);
    }
  }

  /** Splits {@code text}, read from {@code file} (used in problems and on each document). */
  public static Split split(String file, String text) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(text, "text");
    Problems problems = new Problems(file);
    List<Node> roots = YamlLoader.loadAll(text, problems);
    List<Document> documents = new ArrayList<>();
    for (Node root : roots) {
      String own = roots.size() == 1 ? text : slice(text, root);
      documents.add(new Document(file, own, root, text));
    }
    if (documents.isEmpty() && problems.isEmpty()) {
      problems.add(Pos.START, Code.WRONG_TYPE, "the file is empty; expected an Argo Workflow");
    }
    return new Split(documents, problems.sorted());
  }

  /** The text of one document of several; SnakeYAML counts its indexes in code points. */
  private static String slice(String text, Node root) {
    int start = text.offsetByCodePoints(0, root.getStartMark().getIndex());
    int end = text.offsetByCodePoints(0, root.getEndMark().getIndex());
    return text.substring(start, end).stripTrailing() + "\n";
  }
}
