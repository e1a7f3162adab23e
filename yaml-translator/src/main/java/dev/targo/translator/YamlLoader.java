package dev.targo.translator;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes YAML or JSON text into SnakeYAML's located node tree, refusing inputs that would cost
 * unbounded memory or time: over-size text, deep nesting, many aliases to collections, alias
 * expansion past a node budget, and recursive aliases. Every refusal is a problem, never an
 * exception or an {@link OutOfMemoryError}.
 */
final class YamlLoader {
  /** 3 MiB of text: far more than any hand-written or generated workflow. */
  static final int MAX_CODE_POINTS = 3 * 1024 * 1024;

  /** Nesting levels; real workflows stay under 20 and JSON trees below them add a few more. */
  static final int MAX_DEPTH = 100;

  /** Aliases to mappings or sequences; a few are normal, a bomb needs many. */
  static final int MAX_ALIASES = 50;

  private YamlLoader() {}

  /** The root node, or null when the text is not a single usable document (problems added). */
  static Node load(String text, Problems problems) {
    if (tooLarge(text, problems)) {
      return null;
    }
    LoaderOptions options = options();
    RecordingParser parser =
        new RecordingParser(new ParserImpl(new StreamReader(new StringReader(text)), options));
    Node root;
    try {
      root = new Composer(parser, new Resolver(), options).getSingleNode();
    } catch (MarkedYAMLException e) {
      problems.add(syntaxPosition(e), Code.YAML_SYNTAX, syntaxMessage(e));
      return null;
    } catch (YAMLException e) {
      problems.add(parser.lastPosition(), limitCode(e), limitMessage(e));
      return null;
    }
    if (root == null) {
      problems.add(Pos.START, Code.WRONG_TYPE, "the document is empty; expected an Argo Workflow");
      return null;
    }
    return TreeCheck.check(root, problems) ? root : null;
  }

  /**
   * Every document of a stream separated by {@code ---}, as Argo's lint and submit split a file;
   * empty documents are skipped as Argo skips them. The documents before a syntax error are kept; a
   * document refused by a limit is left out (problem added).
   */
  static List<Node> loadAll(String text, Problems problems) {
    List<Node> roots = new ArrayList<>();
    if (tooLarge(text, problems)) {
      return roots;
    }
    LoaderOptions options = options();
    RecordingParser parser =
        new RecordingParser(new ParserImpl(new StreamReader(new StringReader(text)), options));
    Composer composer = new Composer(parser, new Resolver(), options);
    try {
      while (composer.checkNode()) {
        Node root = composer.getNode();
        boolean empty = root instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
        if (!empty && TreeCheck.check(root, problems)) {
          roots.add(root);
        }
      }
    } catch (MarkedYAMLException e) {
      problems.add(syntaxPosition(e), Code.YAML_SYNTAX, syntaxMessage(e));
    } catch (YAMLException e) {
      problems.add(parser.lastPosition(), limitCode(e), limitMessage(e));
    }
    return roots;
  }

  private static boolean tooLarge(String text, Problems problems) {
    if (text.length() > MAX_CODE_POINTS
        && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
      problems.add(
          Pos.START,
          Code.YAML_LIMIT,
          "the document has more than "
              + MAX_CODE_POINTS
              + " characters (3 MiB), the most targo reads");
      return true;
    }
    return false;
  }

  static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    // Duplicate keys are found by TreeCheck, which knows their position.
    options.setAllowDuplicateKeys(true);
    // Go's YAML decoder (which Argo uses) honours `<<: *anchor`; so do we.
    options.setMergeOnCompose(true);
    return options;
  }

  private static Pos syntaxPosition(MarkedYAMLException e) {
    return Pos.of(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark());
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem().strip();
    if (e.getContext() == null || e.getContextMark() == null) {
      return problem;
    }
    Pos at = Pos.of(e.getContextMark());
    return problem
        + " ("
        + e.getContext().strip()
        + " at line "
        + at.line()
        + ", column "
        + at.column()
        + ")";
  }

  private static Code limitCode(YAMLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Nesting Depth") || m.contains("aliases") || m.contains("exceeds the limit")
        ? Code.YAML_LIMIT
        : Code.YAML_SYNTAX;
  }

  private static String limitMessage(YAMLException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("Nesting Depth")) {
      return "the document nests deeper than " + MAX_DEPTH + " levels, the most targo reads";
    }
    if (m.contains("aliases")) {
      return "the document uses more than "
          + MAX_ALIASES
          + " aliases to mappings or lists, the most targo reads (alias expansion can exhaust"
          + " memory)";
    }
    if (m.contains("exceeds the limit")) {
      return "the document has more than "
          + MAX_CODE_POINTS
          + " characters (3 MiB), the most targo reads";
    }
    return m.strip();
  }

  /** Remembers the last event handed out, so that a limit error can say where it happened. */
  private static final class RecordingParser implements Parser {
    private final Parser delegate;
    private Event last;

    RecordingParser(Parser delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
      return delegate.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
      return delegate.peekEvent();
    }

    @Override
    public Event getEvent() {
      last = delegate.getEvent();
      return last;
    }

    Pos lastPosition() {
      return last == null ? Pos.START : Pos.of(last.getStartMark());
    }
  }
}
