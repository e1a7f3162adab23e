package dev.targo.bench.jmh;

/**
 * A large, valid workflow for the translator benchmark: one DAG template of {@code tasks} tasks and
 * {@code templates - 1} container templates with an input parameter each. Task {@code i} runs
 * template {@code i mod (templates - 1)} and depends on task {@code (i - 1) / 2}, so the DAG is a
 * wide tree about 12 levels deep; every fifth task also depends on the task before it. Pure.
 */
public final class GeneratedWorkflow {
  private GeneratedWorkflow() {}

  public static String yaml(int templates, int tasks) {
    int containers = templates - 1;
    StringBuilder y = new StringBuilder(tasks * 120 + containers * 200);
    y.append(
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: generated-
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
        """);
    for (int i = 0; i < tasks; i++) {
      y.append("      - name: t").append(i).append('\n');
      y.append("        template: c").append(i % containers).append('\n');
      y.append("        arguments:\n          parameters:\n");
      y.append("          - name: n\n            value: \"").append(i).append("\"\n");
      if (i > 0) {
        y.append("        dependencies: [t").append((i - 1) / 2);
        if (i % 5 == 0) {
          y.append(", t").append(i - 1);
        }
        y.append("]\n");
      }
    }
    for (int c = 0; c < containers; c++) {
      y.append("  - name: c").append(c).append('\n');
      y.append("    inputs:\n      parameters:\n      - name: n\n");
      y.append("    retryStrategy:\n      limit: \"2\"\n");
      y.append("    container:\n      image: alpine:3.20\n");
      y.append("      command: [sh, -c, \"echo ").append(c).append(" {{inputs.parameters.n}}\"]\n");
    }
    return y.toString();
  }
}
