package dev.targo.cli;

import dev.targo.translator.Document;
import dev.targo.translator.Documents;
import dev.targo.translator.Problem;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents of the files of a command line, split as Argo's lint and submit split them, with
 * the lines that say why a file or part of one could not be read.
 */
final class Manifests {
  private Manifests() {}

  /**
   * What was read, per file in command-line order.
   *
   * @param file the file as given
   * @param documents its documents
   * @param problems why it, or part of it, could not be read: an unreadable file is one line
   */
  record FileDocuments(String file, List<Document> documents, List<String> problems) {}

  /** Every file; one that cannot be read is one problem line, and the others are still read. */
  static List<FileDocuments> read(List<String> files, InputStream stdin) {
    return read(files, stdin, false);
  }

  /**
   * Every file, for a command that starts something: a file that cannot be read ends the command at
   * once ({@link UserError}).
   */
  static List<FileDocuments> readAll(List<String> files, InputStream stdin) {
    return read(files, stdin, true);
  }

  private static List<FileDocuments> read(List<String> files, InputStream stdin, boolean strict) {
    List<FileDocuments> out = new ArrayList<>();
    for (String file : files) {
      String text;
      try {
        text = InputFiles.read(file, stdin);
      } catch (UserError unreadable) {
        if (strict) {
          throw unreadable;
        }
        out.add(new FileDocuments(file, List.of(), List.of(unreadable.getMessage())));
        continue;
      }
      Documents.Split split = Documents.split(InputFiles.displayName(file), text);
      out.add(
          new FileDocuments(
              file, split.documents(), split.problems().stream().map(Problem::toString).toList()));
    }
    return out;
  }

  /** Every document of {@code files}, in order. */
  static List<Document> all(List<FileDocuments> files) {
    return files.stream().flatMap(f -> f.documents().stream()).toList();
  }

  /** The problems of every file, in order. */
  static List<String> problems(List<FileDocuments> files) {
    return files.stream().flatMap(f -> f.problems().stream()).toList();
  }
}
