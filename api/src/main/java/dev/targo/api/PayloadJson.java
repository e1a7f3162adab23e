package dev.targo.api;

import dev.targo.argo.Json;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/**
 * The Temporal data converter of every targo client and worker: Temporal's default chain with JSON
 * done by targo's one mapper ({@link Json}), so payloads and {@code -o json} agree on one shape.
 */
public final class PayloadJson {
  private PayloadJson() {}

  public static DataConverter dataConverter() {
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(Json.create()));
  }
}
