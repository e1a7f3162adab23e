package dev.targo.argo.flow;

import dev.targo.argo.expr.Expr;
import dev.targo.argo.expr.ExprException;
import dev.targo.argo.plan.HttpSpec;
import dev.targo.argo.status.NodePhase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an http attempt ends, from the response its request got: Argo's agent ({@code
 * workflow/executor/agent.go}, {@code executeHTTPTemplate}). Without a {@code successCondition} a
 * 2xx status code succeeds and any other fails with {@code received non-2xx response code: N}; with
 * one, the condition is evaluated over {@code request} and {@code response} and a false one fails
 * with {@code successCondition '…' evaluated false}; a condition that cannot be evaluated is an
 * Error. Pure.
 */
public final class HttpResponses {
  private HttpResponses() {}

  /** The attempt's end: phase and message (null when it succeeded). */
  public record Judgment(NodePhase phase, String message) {}

  /**
   * The end of the attempt that sent {@code request} and got {@code statusCode}, {@code body} and
   * {@code headers} (each header's values, in order).
   */
  public static Judgment judge(
      HttpSpec request, int statusCode, String body, Map<String, List<String>> headers) {
    String condition = request.successCondition();
    if (condition == null || condition.isEmpty()) {
      return statusCode >= 200 && statusCode < 300
          ? new Judgment(NodePhase.Succeeded, null)
          : new Judgment(NodePhase.Failed, "received non-2xx response code: " + statusCode);
    }
    Map<String, Object> scope = new LinkedHashMap<>();
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("method", request.method() == null ? "" : request.method());
    req.put("url", request.url());
    req.put("body", request.body() == null ? "" : request.body());
    req.put("headers", requestHeaders(request));
    Map<String, Object> resp = new LinkedHashMap<>();
    resp.put("statusCode", (long) statusCode);
    resp.put("body", body);
    resp.put("headers", valuesOf(headers));
    scope.put("request", req);
    scope.put("response", resp);
    try {
      return Expr.parse(condition).evaluateBool(scope)
          ? new Judgment(NodePhase.Succeeded, null)
          : new Judgment(NodePhase.Failed, "successCondition '" + condition + "' evaluated false");
    } catch (ExprException e) {
      return new Judgment(NodePhase.Error, e.getMessage());
    }
  }

  /** Go's {@code http.Header} of the request's headers: each name's values, in order. */
  private static Map<String, Object> requestHeaders(HttpSpec request) {
    Map<String, List<String>> byName = new TreeMap<>();
    for (HttpSpec.Header h : request.headers()) {
      byName.computeIfAbsent(canonical(h.name()), k -> new ArrayList<>()).add(h.value());
    }
    return valuesOf(byName);
  }

  private static Map<String, Object> valuesOf(Map<String, List<String>> headers) {
    Map<String, Object> out = new TreeMap<>();
    headers.forEach((name, values) -> out.put(canonical(name), new ArrayList<Object>(values)));
    return out;
  }

  /**
   * Go's {@code CanonicalMIMEHeaderKey}: {@code content-type} is {@code Content-Type}, as Go's
   * client keys the response's headers.
   */
  static String canonical(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean upper = true;
    for (char c : name.toCharArray()) {
      out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return out.toString();
  }
}
