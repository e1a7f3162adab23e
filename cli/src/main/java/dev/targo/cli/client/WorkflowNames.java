package dev.targo.cli.client;

import dev.targo.argo.plan.WorkflowPlan;
import java.util.random.RandomGenerator;

/**
 * Workflow names as Argo and Kubernetes make them: {@code metadata.name}, or {@code generateName}
 * followed by five characters of the Kubernetes name generator's alphabet (no vowels, no look-alike
 * digits).
 */
public final class WorkflowNames {
  private WorkflowNames() {}

  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  /** The name to run {@code plan} under; {@code override} wins when not null. */
  public static String choose(WorkflowPlan plan, String override, RandomGenerator random) {
    if (override != null) {
      return override;
    }
    if (plan.name() != null) {
      return plan.name();
    }
    return generate(plan.generateName(), random);
  }

  /**
   * The longest prefix kept: Kubernetes cuts a longer {@code generateName} so that the name stays
   * within 63 characters with its five random ones.
   */
  static final int MAX_PREFIX = 58;

  /** {@code prefix} followed by five random characters, as Kubernetes' {@code generateName}. */
  public static String generate(String prefix, RandomGenerator random) {
    StringBuilder name =
        new StringBuilder(prefix.length() > MAX_PREFIX ? prefix.substring(0, MAX_PREFIX) : prefix);
    for (int i = 0; i < 5; i++) {
      name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return name.toString();
  }
}
