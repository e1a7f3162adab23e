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

  /**
   * Two steps: a prints the time in nanoseconds (a second run would print another); b gets it and
   * fails unless the workflow's parameter {@code ok} (default {@code ok}) is {@code yes}. {@code
   * metadata} is the line naming the workflow ({@code name: …} or {@code generateName: …}).
   */
  static String stampThenCheck(String metadata, String ok) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          %s
        spec:
          entrypoint: main
          arguments:
            parameters:
            - name: ok
              value: "%s"
          templates:
          - name: main
            steps:
            - - name: a
                template: stamp
            - - name: b
                template: check
                arguments:
                  parameters:
                  - name: stamp
                    value: "{{steps.a.outputs.result}}"
          - name: stamp
            script:
              image: alpine:3.20
              command: [sh]
              source: date +%%s%%N
          - name: check
            inputs:
              parameters:
              - name: stamp
            script:
              image: alpine:3.20
              command: [sh]
              source: |
                echo "got {{inputs.parameters.stamp}}"
                test "{{workflow.parameters.ok}}" = yes
        """
        .formatted(metadata, ok);
  }
}
