package dev.targo.argo.retry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.Quantities;
import dev.targo.argo.RetryStrategy;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * targo's {@code retryStrategy.onOOMKilled.memory}: the main container's memory for the next
 * attempt, replayed from the template's own and how many attempts so far were OOMKilled. Each such
 * attempt multiplies the limit by {@code factor}, up to {@code max}; any other end keeps it; the
 * request grows the same way and never past the new limit. Pure and deterministic.
 */
public final class MemoryGrowth {
  private MemoryGrowth() {}

  /**
   * The memory of an attempt.
   *
   * @param limitBytes the limit
   * @param requestBytes the request, or null when the template sets none
   */
  public record Memory(long limitBytes, Long requestBytes) {}

  /**
   * The memory after {@code oomKilled} OOMKilled attempts: {@code base} × factor^n, rounded up to a
   * byte, capped at {@code max} (a limit already above {@code max} is kept, never shrunk).
   */
  public static Memory grown(Memory base, RetryStrategy.MemoryGrowth rule, int oomKilled) {
    if (oomKilled == 0) {
      return base;
    }
    BigDecimal times = rule.factor().pow(oomKilled);
    long limit = Math.max(base.limitBytes(), capped(base.limitBytes(), times, rule.maxBytes()));
    Long request =
        base.requestBytes() == null
            ? null
            : Math.min(limit, capped(base.requestBytes(), times, rule.maxBytes()));
    return new Memory(limit, request);
  }

  private static long capped(long bytes, BigDecimal times, long max) {
    BigDecimal grown = BigDecimal.valueOf(bytes).multiply(times);
    return grown.compareTo(BigDecimal.valueOf(max)) >= 0
        ? max
        : grown.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /**
   * {@code template} (substituted) with its main container's memory grown for an attempt after
   * {@code oomKilled} OOMKilled ones; the same template when there were none.
   *
   * @throws IllegalArgumentException when the template's memory is not a quantity, with the reason
   */
  public static Template apply(Template template, RetryStrategy.MemoryGrowth rule, int oomKilled) {
    if (oomKilled == 0) {
      return template;
    }
    ContainerSpec c = template.body().container();
    JsonNode resources = c.resources();
    Memory next = grown(base(template), rule, oomKilled);
    ObjectNode grown = resources.deepCopy();
    grown.withObjectProperty("limits").put("memory", Quantities.format(next.limitBytes()));
    if (next.requestBytes() != null) {
      grown.withObjectProperty("requests").put("memory", Quantities.format(next.requestBytes()));
    }
    ContainerSpec container =
        new ContainerSpec(
            c.image(),
            c.command(),
            c.args(),
            c.env(),
            c.workingDir(),
            grown,
            c.volumeMounts(),
            c.securityContext(),
            c.imagePullPolicy(),
            c.readinessProbe());
    TemplateBody body =
        switch (template.body()) {
          case TemplateBody.ContainerBody b -> new TemplateBody.ContainerBody(container);
          case TemplateBody.ScriptBody s -> new TemplateBody.ScriptBody(container, s.source());
          default ->
              throw new IllegalArgumentException(
                  "retryStrategy.onOOMKilled is only supported on container and script templates");
        };
    return template.withBody(body);
  }

  /**
   * What the Web UI says of an attempt after {@code oomKilled} OOMKilled ones, the last of which
   * just ended: {@code memory 64Mi→128Mi after OOMKilled}, or {@code memory 16Gi (max) after
   * OOMKilled} when it can grow no more.
   *
   * @param template the attempt's template before growth (substituted)
   * @throws IllegalArgumentException as {@link #apply}
   */
  public static String note(Template template, RetryStrategy.MemoryGrowth rule, int oomKilled) {
    Memory base = base(template);
    long before = grown(base, rule, oomKilled - 1).limitBytes();
    long after = grown(base, rule, oomKilled).limitBytes();
    return after == before
        ? "memory " + Quantities.format(after) + " (max) after OOMKilled"
        : "memory "
            + Quantities.format(before)
            + "→"
            + Quantities.format(after)
            + " after OOMKilled";
  }

  /** The template's own main-container memory. */
  private static Memory base(Template template) {
    ContainerSpec c = template.body().container();
    JsonNode resources = c == null ? null : c.resources();
    JsonNode limit = resources == null ? null : resources.path("limits").path("memory");
    if (limit == null || !limit.isValueNode()) {
      throw new IllegalArgumentException(
          "retryStrategy.onOOMKilled: the main container has no resources.limits.memory to grow");
    }
    JsonNode request = resources.path("requests").path("memory");
    return new Memory(
        Quantities.bytes(limit.asText()),
        request.isValueNode() ? Quantities.bytes(request.asText()) : null);
  }
}
