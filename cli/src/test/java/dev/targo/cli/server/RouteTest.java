package dev.targo.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteTest {

  @Test
  void readsEveryWorkflowEndpointOfArgosProto() {
    assertThat(Route.of("POST", "/api/v1/workflows/argo")).isEqualTo(new Route.Create("argo"));
    assertThat(Route.of("GET", "/api/v1/workflows/argo"))
        .isEqualTo(new Route.ListWorkflows("argo"));
    assertThat(Route.of("POST", "/api/v1/workflows/argo/lint")).isEqualTo(new Route.Lint("argo"));
    assertThat(Route.of("GET", "/api/v1/workflows/argo/wf")).isEqualTo(new Route.Get("argo", "wf"));
    assertThat(Route.of("DELETE", "/api/v1/workflows/argo/wf"))
        .isEqualTo(new Route.Delete("argo", "wf"));
    assertThat(Route.of("PUT", "/api/v1/workflows/argo/wf/stop"))
        .isEqualTo(new Route.Action("argo", "wf", "stop"));
    assertThat(Route.of("PUT", "/api/v1/workflows/argo/wf/resubmit"))
        .isEqualTo(new Route.Action("argo", "wf", "resubmit"));
    assertThat(Route.of("GET", "/api/v1/workflows/argo/wf/log"))
        .isEqualTo(new Route.Logs("argo", "wf", null));
    assertThat(Route.of("GET", "/api/v1/workflows/argo/wf/wf-main-123/log"))
        .isEqualTo(new Route.Logs("argo", "wf", "wf-main-123"));
    assertThat(Route.of("GET", "/api/v1/workflow-events/argo")).isEqualTo(new Route.Watch("argo"));
    assertThat(Route.of("GET", "/api/v1/version")).isEqualTo(new Route.Info("version"));
  }

  @Test
  void decodesPercentEncodedSegments() {
    assertThat(Route.of("GET", "/api/v1/workflows/my%2Dns/wf%2D1"))
        .isEqualTo(new Route.Get("my-ns", "wf-1"));
  }

  @Test
  void tellsOtherArgoServicesFromPathsArgoDoesNotHave() {
    assertThat(Route.of("GET", "/api/v1/workflow-templates/argo"))
        .isEqualTo(new Route.NotServed("workflow-templates"));
    assertThat(Route.of("GET", "/healthz")).isEqualTo(new Route.Unknown());
    assertThat(Route.of("PATCH", "/api/v1/workflows/argo/wf")).isEqualTo(new Route.Unknown());
    assertThat(Route.of("PUT", "/api/v1/workflows/argo/wf/explode")).isEqualTo(new Route.Unknown());
  }
}
