package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An {@code http} template's request, as Argo's agent sends it ({@code workflow/executor/agent.go},
 * {@code executeHTTPTemplate}). Every string may hold {@code {{…}}} until the attempt is planned.
 *
 * @param method {@code method}; empty means GET, as Go's {@code http.NewRequest}
 * @param url {@code url}
 * @param headers {@code headers} with their literal values, in order
 * @param body {@code body}, or null
 * @param timeoutSeconds {@code timeoutSeconds}, or null for no limit of the request's own
 * @param successCondition {@code successCondition}: an expression over {@code request} and {@code
 *     response}; null means a 2xx status code
 * @param insecureSkipVerify {@code insecureSkipVerify}: the server's certificate is not checked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HttpSpec(
    String method,
    String url,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Header> headers,
    String body,
    Long timeoutSeconds,
    String successCondition,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean insecureSkipVerify) {

  public HttpSpec {
    headers = headers == null ? List.of() : List.copyOf(headers);
  }

  /** The method sent: {@code method}, or GET when empty. */
  public String effectiveMethod() {
    return method == null || method.isEmpty() ? "GET" : method;
  }

  /** A request header. */
  public record Header(String name, String value) {}
}
