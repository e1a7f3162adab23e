package dev.targo.cli;

import dev.targo.cli.client.RunRecord;
import dev.targo.cli.render.GetPrinter;
import dev.targo.cli.render.WorkflowDocument;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * How {@code get}, {@code submit} and {@code watch} print a workflow: {@code name}, {@code json} or
 * {@code yaml} (the Argo {@code Workflow} object), {@code wide} or the default {@code argo get}
 * tree.
 *
 * @param format the {@code -o} value, or null for the tree
 * @param utf8 icons and box-drawing characters (false with {@code --no-utf8})
 */
record Output(String format, boolean utf8) {

  Output {
    if (format != null && !List.of("name", "json", "yaml", "wide").contains(format)) {
      throw new UserError(ExitCodes.BAD_INPUT, "unknown output format '" + format + "'");
    }
  }

  /** Refuses a format the command does not offer. */
  Output only(String... allowed) {
    if (format != null && !List.of(allowed).contains(format)) {
      throw new UserError(
          ExitCodes.BAD_INPUT,
          "output format '"
              + format
              + "' is not offered here ("
              + String.join(", ", allowed)
              + ")");
    }
    return this;
  }

  /** True for the two tree layouts, which may be redrawn on a terminal. */
  boolean tree() {
    return format == null || "wide".equals(format);
  }

  /** The text of {@code record} in this format, ending with a newline. */
  String render(RunRecord record) {
    if ("name".equals(format)) {
      return record.name() + "\n";
    }
    if ("json".equals(format)) {
      return WorkflowDocument.json(WorkflowDocument.of(record.view(), record.yaml())) + "\n";
    }
    if ("yaml".equals(format)) {
      return WorkflowDocument.yaml(WorkflowDocument.of(record.view(), record.yaml()));
    }
    return new GetPrinter(
            new GetPrinter.Options("wide".equals(format), utf8, ZoneId.systemDefault()),
            Instant.now())
        .print(record.view());
  }
}
