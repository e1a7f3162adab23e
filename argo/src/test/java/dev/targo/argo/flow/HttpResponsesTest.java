package dev.targo.argo.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.flow.HttpResponses.Judgment;
import dev.targo.argo.plan.HttpSpec;
import dev.targo.argo.status.NodePhase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Argo's {@code executeHTTPTemplate} judgment of a response ({@code workflow/executor/agent.go}).
 */
class HttpResponsesTest {
  private static HttpSpec request(String condition) {
    return new HttpSpec(
        "POST",
        "http://example.test/x",
        List.of(new HttpSpec.Header("x-token", "t1")),
        "{}",
        null,
        condition,
        false);
  }

  @Test
  void withoutAConditionA2xxSucceedsAndAnythingElseFailsWithArgosMessage() {
    assertThat(HttpResponses.judge(request(null), 204, "", Map.of()))
        .isEqualTo(new Judgment(NodePhase.Succeeded, null));
    assertThat(HttpResponses.judge(request(""), 404, "nope", Map.of()))
        .isEqualTo(new Judgment(NodePhase.Failed, "received non-2xx response code: 404"));
    assertThat(HttpResponses.judge(request(null), 302, "", Map.of()).phase())
        .isEqualTo(NodePhase.Failed);
  }

  @Test
  void theConditionsOfArgosExampleReadStatusBodyAndHeaders() {
    Map<String, List<String>> headers = Map.of("server", List.of("cloudflare"));

    assertThat(HttpResponses.judge(request("response.statusCode == 201"), 201, "", headers).phase())
        .isEqualTo(NodePhase.Succeeded);
    assertThat(
            HttpResponses.judge(
                    request("response.body contains \"google\""),
                    200,
                    "<html>google</html>",
                    headers)
                .phase())
        .isEqualTo(NodePhase.Succeeded);
    assertThat(
            HttpResponses.judge(
                    request("response.headers[\"Server\"][0] == \"cloudflare\""), 200, "", headers)
                .phase())
        .isEqualTo(NodePhase.Succeeded);
    assertThat(
            HttpResponses.judge(
                    request(
                        "request.method == \"POST\" && request.headers[\"X-Token\"][0] == \"t1\""),
                    500,
                    "",
                    Map.of())
                .phase())
        .isEqualTo(NodePhase.Succeeded);
  }

  @Test
  void aFalseConditionFailsAndOneThatCannotBeEvaluatedIsAnError() {
    assertThat(HttpResponses.judge(request("response.statusCode == 201"), 200, "", Map.of()))
        .isEqualTo(
            new Judgment(
                NodePhase.Failed, "successCondition 'response.statusCode == 201' evaluated false"));
    assertThat(HttpResponses.judge(request("response.body"), 200, "x", Map.of()).phase())
        .isEqualTo(NodePhase.Error);
  }
}
