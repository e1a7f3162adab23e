package dev.targo.cli.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What a request asks for, read from its method and path as Argo's {@code workflow.proto} maps them
 * ({@code google.api.http}). Pure.
 */
public sealed interface Route {

  /** {@code GET /api/v1/info}, {@code /version}, {@code /userinfo}. */
  record Info(String what) implements Route {}

  /** {@code POST /api/v1/workflows/{ns}}. */
  record Create(String namespace) implements Route {}

  /** {@code GET /api/v1/workflows/{ns}}. */
  record ListWorkflows(String namespace) implements Route {}

  /** {@code POST /api/v1/workflows/{ns}/lint}. */
  record Lint(String namespace) implements Route {}

  /** {@code GET /api/v1/workflows/{ns}/{name}}. */
  record Get(String namespace, String name) implements Route {}

  /** {@code DELETE /api/v1/workflows/{ns}/{name}}. */
  record Delete(String namespace, String name) implements Route {}

  /** {@code PUT /api/v1/workflows/{ns}/{name}/{action}}: stop, terminate, retry, resubmit, …. */
  record Action(String namespace, String name, String action) implements Route {}

  /**
   * {@code GET /api/v1/workflows/{ns}/{name}/log} ({@code pod} from {@code podName}, null here) or
   * {@code GET /api/v1/workflows/{ns}/{name}/{pod}/log}.
   */
  record Logs(String namespace, String name, String pod) implements Route {}

  /** {@code GET /api/v1/workflow-events/{ns}}. */
  record Watch(String namespace) implements Route {}

  /** A part of Argo's API that targo does not serve (templates, cron workflows, archive, …). */
  record NotServed(String what) implements Route {}

  /** No endpoint of Argo's API. */
  record Unknown() implements Route {}

  /** The actions of {@code PUT …/{name}/{action}} in Argo's API. */
  List<String> ACTIONS =
      List.of("stop", "terminate", "retry", "resubmit", "resume", "suspend", "set");

  /** The route of {@code method} and {@code rawPath} (still percent-encoded). */
  static Route of(String method, String rawPath) {
    String[] parts =
        Arrays.stream(rawPath.split("/"))
            .filter(s -> !s.isEmpty())
            .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
            .toArray(String[]::new);
    if (parts.length < 3 || !parts[0].equals("api") || !parts[1].equals("v1")) {
      return new Unknown();
    }
    String resource = parts[2];
    int n = parts.length;
    return switch (resource) {
      case "info", "version", "userinfo" ->
          n == 3 && method.equals("GET") ? new Info(resource) : new Unknown();
      case "workflows" -> workflows(method, Arrays.copyOfRange(parts, 3, n));
      case "workflow-events" ->
          n == 4 && method.equals("GET") ? new Watch(parts[3]) : new Unknown();
      default -> new NotServed(resource);
    };
  }

  private static Route workflows(String method, String[] p) {
    if (p.length == 1) {
      return switch (method) {
        case "POST" -> new Create(p[0]);
        case "GET" -> new ListWorkflows(p[0]);
        default -> new Unknown();
      };
    }
    if (p.length == 2 && p[1].equals("lint") && method.equals("POST")) {
      return new Lint(p[0]);
    }
    if (p.length == 2 && p[1].equals("submit") && method.equals("POST")) {
      return new NotServed("workflows/submit (from a template)");
    }
    if (p.length == 2) {
      return switch (method) {
        case "GET" -> new Get(p[0], p[1]);
        case "DELETE" -> new Delete(p[0], p[1]);
        default -> new Unknown();
      };
    }
    if (p.length == 3 && p[2].equals("log") && method.equals("GET")) {
      return new Logs(p[0], p[1], null);
    }
    if (p.length == 3 && method.equals("PUT") && ACTIONS.contains(p[2])) {
      return new Action(p[0], p[1], p[2]);
    }
    if (p.length == 4 && p[3].equals("log") && method.equals("GET")) {
      return new Logs(p[0], p[1], p[2]);
    }
    return new Unknown();
  }
}
