package dev.targo.argo.retry;

import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import java.util.List;
import java.util.Map;

/** Container templates for the retry planning tests, built straight from the plan records. */
final class Templates {
  private Templates() {}

  /** A strategy with {@code limit} and {@code policy} (either may be null), no backoff. */
  static RetryStrategySpec strategy(String limit, String policy) {
    return new RetryStrategySpec(limit, policy, null, false, null);
  }

  static Template container(String name, RetryStrategySpec retry, String... args) {
    ContainerSpec container =
        new ContainerSpec(
            "python:alpine3.6",
            List.of("python", "-c"),
            List.of(args),
            List.of(),
            null,
            null,
            List.of(),
            null,
            null);
    return new Template(
        name,
        new TemplateBody.ContainerBody(container),
        List.of(),
        retry,
        null,
        null,
        Map.of(),
        null,
        List.of(),
        null,
        null,
        null);
  }
}
