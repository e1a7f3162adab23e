package dev.targo.cli;

import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.cli.client.TemplateStore;
import dev.targo.cli.render.WorkflowDocument;
import dev.targo.translator.Document;
import dev.targo.translator.Problem;
import dev.targo.translator.TemplateLookup;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates the files of the commands that start workflows; problems end the command before
 * anything is created or started.
 */
final class Plans {
  private Plans() {}

  /**
   * A workflow ready to start.
   *
   * @param plan its plan, every template reference resolved
   * @param memoYaml the text recorded in its memo: the document as given, with what it took from
   *     templates in {@code status} as Argo records it, so that it reads the same when a template
   *     changes later
   */
  record Ready(WorkflowPlan plan, String memoYaml) {}

  /**
   * What the files ask for.
   *
   * @param templates the WorkflowTemplate and ClusterWorkflowTemplate documents, checked
   * @param workflows the workflows, translated
   */
  record Prepared(List<Document> templates, List<Ready> workflows) {}

  /**
   * Checks every document of {@code read} ({@code kind} decides: templates are linted, everything
   * else of Argo's is translated as a workflow) with references resolved against the documents
   * themselves, then {@code store}. Every problem and warning is printed to standard error; a
   * problem is a {@link UserError} (exit 2).
   */
  static Prepared prepare(
      Console console,
      List<Manifests.FileDocuments> read,
      TemplateLookup store,
      Map<String, String> parameters) {
    List<String> unreadable = Manifests.problems(read);
    unreadable.forEach(console.err()::println);
    int problems = unreadable.size();
    List<Document> documents = Manifests.all(read);
    TemplateLookup lookup = TemplateLookup.of(documents).orElse(store);
    List<Document> templates = new ArrayList<>();
    List<Ready> workflows = new ArrayList<>();
    for (Document document : documents) {
      if (!document.isLinted()) {
        continue;
      }
      Translation translation =
          document.isTemplate()
              ? Translator.lint(document, lookup)
              : Translator.translate(document, lookup, parameters);
      for (Problem p : translation.all()) {
        console.err().println(p);
      }
      if (translation instanceof Translation.Failed failed) {
        problems += failed.problems().size();
      } else if (translation instanceof Translation.Ok ok) {
        String memo =
            WorkflowDocument.withWorkflowMetadata(
                WorkflowDocument.withStored(document.text(), ok.stored()),
                ok.plan().labels(),
                ok.plan().annotations());
        workflows.add(new Ready(ok.plan(), memo));
      } else {
        templates.add(document);
      }
    }
    if (problems > 0) {
      throw new UserError(ExitCodes.BAD_INPUT, problems + " problem(s) found, nothing was started");
    }
    return new Prepared(templates, workflows);
  }

  /**
   * Stores the templates a submission carries. One that exists already with the same text is left
   * as it is; one that exists with another text is refused (Argo's create refuses any existing
   * name), before anything is created.
   */
  static void store(Console console, TemplateStore store, List<Document> templates) {
    List<Document> missing = new ArrayList<>();
    for (Document t : templates) {
      boolean cluster = Document.CLUSTER_WORKFLOW_TEMPLATE.equals(t.kind());
      String namespace = namespace(t);
      var existing = store.get(cluster, namespace, t.name());
      if (existing.isEmpty()) {
        missing.add(t);
      } else if (!existing.get().yaml().equals(t.text())) {
        throw new UserError(
            ExitCodes.BAD_INPUT,
            t.kind()
                + " \""
                + t.name()
                + "\" exists already with other content; delete it first (targo "
                + (cluster ? "cluster-template" : "template")
                + " delete "
                + t.name()
                + "), nothing was started");
      }
    }
    for (Document t : missing) {
      boolean cluster = Document.CLUSTER_WORKFLOW_TEMPLATE.equals(t.kind());
      store.create(cluster, namespace(t), t.name(), t.text());
      console.err().println(t.kind() + " '" + t.name() + "' created");
    }
  }

  private static String namespace(Document t) {
    return t.namespace() != null ? t.namespace() : dev.targo.api.Names.DEFAULT_NAMESPACE;
  }
}
