package dev.targo.cli;

/** Small Argo workflows for the command tests, run by the local executor. */
final class Workflows {
  private Workflows() {}

  /** A container that runs {@code script} with {@code sh -c}, retried up to {@code limit} times. */
  static String shell(String name, int limit, String script) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: %s
        spec:
          entrypoint: main
          templates:
          - name: main
            retryStrategy:
              limit: %d
            container:
              image: alpine:3
              command: [sh, -c]
              args: ["%s"]
        """
        .formatted(name, limit, script);
  }

  static String succeeding(String name) {
    return shell(name, 1, "echo hello from " + name);
  }

  static String failing(String name) {
    return shell(name, 1, "echo failing; exit 3");
  }

  static String sleeping(String name) {
    return shell(name, 2, "sleep 120");
  }
}
