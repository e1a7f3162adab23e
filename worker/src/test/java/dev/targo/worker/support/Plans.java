package dev.targo.worker.support;

import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.RetryStrategySpec.BackoffSpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.plan.WorkflowPlan;
import java.util.List;
import java.util.Map;

/** Builds plans for workflow tests straight from the api records (the translator is elsewhere). */
public final class Plans {
  private Plans() {}

  /** The seed example's strategy: limit 10, Always, backoff 1 × 2 within 1m, nodeAntiAffinity. */
  public static RetryStrategySpec seedStrategy() {
    return new RetryStrategySpec("10", "Always", new BackoffSpec("1", "2", null, "1m"), true, null);
  }

  public static RetryStrategySpec strategy(String limit, String policy) {
    return new RetryStrategySpec(limit, policy, null, false, null);
  }

  public static RetryStrategySpec strategy(String limit, String policy, BackoffSpec backoff) {
    return new RetryStrategySpec(limit, policy, backoff, false, null);
  }

  /** {@code retryStrategy: {}}: unlimited retries, OnFailure, no backoff. */
  public static RetryStrategySpec retryForever() {
    return new RetryStrategySpec(null, null, null, false, null);
  }

  public static Template container(String name, RetryStrategySpec retry, String... args) {
    return template(name, retry, List.of(), args);
  }

  public static Template template(
      String name, RetryStrategySpec retry, List<Parameter> inputs, String... args) {
    return template(name, retry, inputs, "python:alpine3.6", List.of("python", "-c"), args);
  }

  /** A container template running {@code sh -c script} (what the local executor really runs). */
  public static Template shell(String name, String script, RetryStrategySpec retry) {
    return template(name, retry, List.of(), "alpine:3", List.of("sh", "-c"), script);
  }

  private static Template template(
      String name,
      RetryStrategySpec retry,
      List<Parameter> inputs,
      String image,
      List<String> command,
      String... args) {
    ContainerSpec container =
        new ContainerSpec(
            image, command, List.of(args), List.of(), null, null, List.of(), null, null);
    return new Template(
        name,
        new TemplateBody.ContainerBody(container),
        inputs,
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

  public static WorkflowPlan plan(Template entrypoint) {
    return plan(entrypoint, List.of(), null);
  }

  public static WorkflowPlan plan(
      Template entrypoint, List<Parameter> arguments, Long deadlineSeconds) {
    return new WorkflowPlan(
        null,
        entrypoint.name() + "-",
        null,
        Map.of(),
        Map.of(),
        entrypoint.name(),
        arguments,
        Map.of(entrypoint.name(), entrypoint),
        deadlineSeconds,
        null,
        null);
  }

  public static WorkflowRun run(String name, WorkflowPlan plan) {
    return new WorkflowRun(name, "argo", plan, Map.of(), null);
  }

  /** The workflow {@code yaml} translated, run as {@code name} in namespace argo. */
  public static WorkflowRun run(String name, String yaml) {
    dev.targo.translator.Translation t =
        dev.targo.translator.Translator.translate(name + ".yaml", yaml);
    if (!(t instanceof dev.targo.translator.Translation.Ok ok) || !t.all().isEmpty()) {
      throw new IllegalArgumentException(name + ": " + t.all());
    }
    return run(name, ok.plan());
  }
}
