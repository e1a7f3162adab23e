package dev.targo.translator;

import dev.targo.argo.FieldError;
import dev.targo.argo.RetryPolicy;
import dev.targo.argo.RetryStrategies;
import dev.targo.argo.RetryStrategy;
import dev.targo.argo.plan.RetryStrategySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a raw {@code retryStrategy} into its plan form and checks it at lint time with the same
 * resolver the worker uses at run time (targo deviation, ARGO-SEMANTICS §1 "Validation time").
 * Fields holding {@code {{…}}} are left for run time, when their values are known.
 */
final class RetryCheck {
  private RetryCheck() {}

  static RetryStrategySpec spec(Raw.RetryStrategy raw) {
    if (raw == null) {
      return null;
    }
    Raw.Backoff b = raw.backoff();
    RetryStrategySpec.BackoffSpec backoff =
        b == null
            ? null
            : new RetryStrategySpec.BackoffSpec(
                text(b.duration()),
                text(b.factor()),
                text(b.cap()),
                text(b.maxDuration()),
                text(b.jitter()));
    return new RetryStrategySpec(
        text(raw.limit()),
        text(raw.retryPolicy()),
        backoff,
        raw.nodeAntiAffinity() != null,
        text(raw.expression()),
        text(raw.nodeAntiAffinityType()),
        text(raw.topologyKey()),
        onOOMKilled(raw.onOOMKilled()),
        text(raw.maxExcluded()),
        text(raw.exclusionExpression()),
        text(raw.relaxAfter()));
  }

  private static RetryStrategySpec.OnOOMKilledSpec onOOMKilled(Raw.OnOOMKilled raw) {
    if (raw == null) {
      return null;
    }
    return new RetryStrategySpec.OnOOMKilledSpec(
        raw.memory() == null
            ? null
            : new RetryStrategySpec.MemoryGrowthSpec(text(raw.factor()), text(raw.max())));
  }

  /**
   * Adds a problem for every invalid field that holds no {@code {{…}}}, and a warning for a
   * strategy that retries a failing pod at once and for ever.
   */
  static void check(Raw.RetryStrategy raw, Problems problems) {
    if (raw == null) {
      return;
    }
    if (raw.limit() == null && raw.backoff() == null) {
      // Argo's "retry until completion": a pod that fails at start is re-created many times a
      // second, with no end, loading the cluster and growing the workflow's history.
      problems.warn(
          raw.pos(),
          Code.UNBOUNDED_RETRY,
          "`retryStrategy` retries without `limit` and without `backoff`: a failing pod is"
              + " restarted at once, for ever; set a `limit`, a `backoff`, or both");
    }
    Str topologyKey = raw.topologyKey();
    if (topologyKey != null && !topologyKey.templated()) {
      String problem = KubeNames.key(topologyKey.value());
      if (problem != null) {
        problems.add(
            topologyKey.pos(),
            Code.INVALID_VALUE,
            "`retryStrategy.affinity.nodeAntiAffinity.topologyKey`: " + problem);
      }
    }
    Str relaxAfter = raw.relaxAfter();
    if (relaxAfter != null && (raw.topologyKey() != null || preferred(raw))) {
      problems.add(
          relaxAfter.pos(),
          raw.topologyKey() != null ? Code.UNSUPPORTED : Code.INVALID_VALUE,
          raw.topologyKey() != null
              ? "`nodeAntiAffinity.relaxAfter` with a `topologyKey` is not supported by targo yet"
                  + " (it lets hosts back, not topology domains)"
              : "`nodeAntiAffinity.relaxAfter` has no effect with `type: Preferred`: a preferred"
                  + " exclusion never keeps a pod Pending");
    }
    if (RetryStrategies.resolve(spec(raw))
        instanceof RetryStrategies.Resolution.Invalid(var errors)) {
      for (FieldError error : errors) {
        Str value = value(raw, error.field());
        if (value != null && value.templated()) {
          continue;
        }
        problems.add(
            position(raw, error.field(), value),
            value == null && error.field().startsWith("onOOMKilled")
                ? Code.MISSING_FIELD
                : Code.INVALID_VALUE,
            "`retryStrategy." + error.field() + "`: " + error.message() + hint(error, value));
      }
    }
  }

  /**
   * A policy or anti-affinity type typo gets "did you mean"; other fields' messages already say
   * what is expected.
   */
  private static String hint(FieldError error, Str value) {
    if (value == null) {
      return "";
    }
    List<String> names =
        switch (error.field()) {
          case "retryPolicy" -> Arrays.stream(RetryPolicy.values()).map(Enum::name).toList();
          case "affinity.nodeAntiAffinity.type" ->
              Arrays.stream(RetryStrategy.AntiAffinityType.values()).map(Enum::name).toList();
          default -> List.of();
        };
    return names.isEmpty() ? "" : Suggest.didYouMean(value.value(), names);
  }

  /**
   * The positions of {@code nodeAntiAffinity.type: Preferred}, {@code topologyKey} and {@code
   * expression}, which a steps or dag template cannot use yet (its pods would need the kind of
   * exclusion handed down, not only hosts); empty without them.
   */
  private static boolean preferred(Raw.RetryStrategy raw) {
    Str type = raw.nodeAntiAffinityType();
    return type != null && RetryStrategy.AntiAffinityType.Preferred.name().equals(type.value());
  }

  static List<Str> exclusionExtensions(Raw.RetryStrategy raw) {
    if (raw == null || raw.nodeAntiAffinity() == null) {
      return List.of();
    }
    List<Str> used = new ArrayList<>();
    Str type = raw.nodeAntiAffinityType();
    if (type != null && RetryStrategy.AntiAffinityType.Preferred.name().equals(type.value())) {
      used.add(type);
    }
    if (raw.topologyKey() != null) {
      used.add(raw.topologyKey());
    }
    if (raw.exclusionExpression() != null) {
      used.add(raw.exclusionExpression());
    }
    if (raw.relaxAfter() != null) {
      used.add(raw.relaxAfter());
    }
    return used;
  }

  private static Str value(Raw.RetryStrategy raw, String field) {
    Raw.Backoff b = raw.backoff();
    return switch (field) {
      case "limit" -> raw.limit();
      case "retryPolicy" -> raw.retryPolicy();
      case "expression" -> raw.expression();
      case "backoff.duration" -> b == null ? null : b.duration();
      case "backoff.factor" -> b == null ? null : b.factor();
      case "backoff.cap" -> b == null ? null : b.cap();
      case "backoff.maxDuration" -> b == null ? null : b.maxDuration();
      case "backoff.jitter" -> b == null ? null : b.jitter();
      case "affinity.nodeAntiAffinity.type" -> raw.nodeAntiAffinityType();
      case "affinity.nodeAntiAffinity.maxExcluded" -> raw.maxExcluded();
      case "affinity.nodeAntiAffinity.expression" -> raw.exclusionExpression();
      case "affinity.nodeAntiAffinity.relaxAfter" -> raw.relaxAfter();
      case "onOOMKilled.memory.factor" -> raw.onOOMKilled().factor();
      case "onOOMKilled.memory.max" -> raw.onOOMKilled().max();
      default -> null;
    };
  }

  /** The field's value, else the nearest enclosing object that was written. */
  private static Pos position(Raw.RetryStrategy raw, String field, Str value) {
    if (value != null) {
      return value.pos();
    }
    if (field.startsWith("backoff") && raw.backoff() != null) {
      return raw.backoff().pos();
    }
    if (field.startsWith("onOOMKilled") && raw.onOOMKilled() != null) {
      Raw.OnOOMKilled o = raw.onOOMKilled();
      return o.memory() != null ? o.memory() : o.pos();
    }
    if (field.startsWith("affinity") && raw.affinity() != null) {
      return raw.nodeAntiAffinity() != null ? raw.nodeAntiAffinity() : raw.affinity();
    }
    return raw.pos();
  }

  private static String text(Str s) {
    return s == null ? null : s.value();
  }
}
