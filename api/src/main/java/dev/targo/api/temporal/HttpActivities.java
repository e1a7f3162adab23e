package dev.targo.api.temporal;

import dev.targo.api.Names;
import dev.targo.argo.plan.HttpSpec;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/** An {@code http} template's request, sent by the worker as Argo's agent sends it. */
@ActivityInterface
public interface HttpActivities {

  /** The response's status code, body (UTF-8) and headers (each name's values, in order). */
  record Answer(int statusCode, String body, Map<String, List<String>> headers) {}

  /**
   * Sends {@code request} (substituted) once and returns the response, whatever its status code. A
   * request that gets no response (an unknown host, a refused connection, its {@code
   * timeoutSeconds} passed) fails as a non-retryable application failure with Go's kind of message:
   * the attempt ends in Error, as in Argo.
   */
  @ActivityMethod(name = Names.ACTIVITY_HTTP_REQUEST)
  Answer send(HttpSpec request);
}
