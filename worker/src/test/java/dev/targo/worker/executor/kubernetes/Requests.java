package dev.targo.worker.executor.kubernetes;

import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.PodRequest;
import java.util.List;

/** Pod requests for tests: one attempt of a retried node {@code <wf>(n)}. */
final class Requests {
  private Requests() {}

  static final String NAMESPACE = "test";

  static Template container(String name, List<String> args) {
    return new Template(
        name,
        new TemplateBody.ContainerBody(
            new ContainerSpec(
                "alpine:3.20", List.of("sh", "-c"), args, null, null, null, null, null, null)),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static PodRequest attempt(String workflow, Template template, int attempt) {
    return PodRequest.of(workflow, NAMESPACE, workflow + "(" + attempt + ")", attempt, template);
  }
}
