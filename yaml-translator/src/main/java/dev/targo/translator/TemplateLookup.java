package dev.targo.translator;

import java.util.List;

/**
 * Where {@code templateRef} and {@code workflowTemplateRef} find their templates (Argo's {@code
 * WorkflowTemplateNamespacedGetter} and {@code ClusterWorkflowTemplateGetter}): documents given on
 * the same command line, or targo's template store.
 */
public interface TemplateLookup {

  /** Finds nothing. */
  TemplateLookup NONE = (cluster, namespace, name) -> null;

  /**
   * The {@code ClusterWorkflowTemplate} named {@code name} when {@code cluster}, else the {@code
   * WorkflowTemplate} named {@code name} in {@code namespace}; null when there is none.
   */
  Document find(boolean cluster, String namespace, String name);

  /**
   * Why a template that was not found may exist after all (the store could not be asked), added to
   * the problem; null when the lookup was complete.
   */
  default String incomplete() {
    return null;
  }

  /** The templates among {@code documents}; a namespaced one without a namespace is in any. */
  static TemplateLookup of(List<Document> documents) {
    return (cluster, namespace, name) -> {
      for (Document d : documents) {
        String kind = cluster ? Document.CLUSTER_WORKFLOW_TEMPLATE : Document.WORKFLOW_TEMPLATE;
        boolean inNamespace = cluster || d.namespace() == null || d.namespace().equals(namespace);
        if (kind.equals(d.kind()) && name.equals(d.name()) && inNamespace) {
          return d;
        }
      }
      return null;
    };
  }

  /** This lookup, then {@code other} for what this one does not find. */
  default TemplateLookup orElse(TemplateLookup other) {
    TemplateLookup first = this;
    return new TemplateLookup() {
      @Override
      public Document find(boolean cluster, String namespace, String name) {
        Document found = first.find(cluster, namespace, name);
        return found != null ? found : other.find(cluster, namespace, name);
      }

      @Override
      public String incomplete() {
        return other.incomplete() != null ? other.incomplete() : first.incomplete();
      }
    };
  }
}
