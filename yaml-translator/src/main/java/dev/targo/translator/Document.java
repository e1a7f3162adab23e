package dev.targo.translator;

import java.util.Objects;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One document of a file split as Argo's lint and submit split it ({@code ---}): its own text, its
 * composed tree (positions are those of the whole file), and the header fields that say what it is.
 * Header fields are read leniently (null when absent or not a string): the translator reports what
 * is wrong with them.
 */
public final class Document {
  /** {@code kind: Workflow}. */
  public static final String WORKFLOW = "Workflow";

  /** {@code kind: WorkflowTemplate}. */
  public static final String WORKFLOW_TEMPLATE = "WorkflowTemplate";

  /** {@code kind: ClusterWorkflowTemplate}. */
  public static final String CLUSTER_WORKFLOW_TEMPLATE = "ClusterWorkflowTemplate";

  private final String file;
  private final String text;
  private final Node root;
  private final String source;

  Document(String file, String text, Node root, String source) {
    this.file = Objects.requireNonNull(file, "file");
    this.text = Objects.requireNonNull(text, "text");
    this.root = Objects.requireNonNull(root, "root");
    this.source = Objects.requireNonNull(source, "source");
  }

  /** The file name used in problems. */
  public String file() {
    return file;
  }

  /** The text of this document alone. */
  public String text() {
    return text;
  }

  Node root() {
    return root;
  }

  /** The whole file's text, which the positions of {@link #root()} refer to. */
  String source() {
    return source;
  }

  /** 1-based line where the document starts in its file. */
  public int line() {
    return root.getStartMark().getLine() + 1;
  }

  public String apiVersion() {
    return field(root, "apiVersion");
  }

  public String kind() {
    return field(root, "kind");
  }

  /** {@code metadata.name}. */
  public String name() {
    return field(metadata(), "name");
  }

  /** {@code metadata.namespace}. */
  public String namespace() {
    return field(metadata(), "namespace");
  }

  /**
   * True for the documents Argo's lint checks: its kinds ({@code apiVersion: argoproj.io/…}, or
   * none given), except those it passes over ({@code cmd/argo/lint/lint.go}: a {@code
   * WorkflowEventBinding} is a no-op, the controller's own kinds are ignored), and documents of
   * other APIs (a {@code ConfigMap} beside a workflow), which it silently skips.
   */
  public boolean isLinted() {
    String apiVersion = apiVersion();
    return (apiVersion == null || apiVersion.startsWith("argoproj.io/"))
        && (kind() == null || !SKIPPED_KINDS.contains(kind()));
  }

  private static final java.util.Set<String> SKIPPED_KINDS =
      java.util.Set.of(
          "WorkflowEventBinding",
          "WorkflowTaskSet",
          "WorkflowTaskResult",
          "WorkflowArtifactGCTask");

  /** True for {@code WorkflowTemplate} and {@code ClusterWorkflowTemplate}. */
  public boolean isTemplate() {
    return WORKFLOW_TEMPLATE.equals(kind()) || CLUSTER_WORKFLOW_TEMPLATE.equals(kind());
  }

  private Node metadata() {
    return value(root, "metadata");
  }

  static Node value(Node node, String key) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return tuple.getValueNode();
        }
      }
    }
    return null;
  }

  private static String field(Node node, String key) {
    return value(node, key) instanceof ScalarNode s && Scalars.isString(s) ? s.getValue() : null;
  }
}
