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

  /**
   * The one converter, shared: a Jackson mapper learns each record type once (by reflection, the
   * slowest part of a short command's run), and every client call and worker reuses what it learnt.
   * It holds no state a caller could change.
   */
  public static DataConverter dataConverter() {
    return Shared.CONVERTER;
  }

  /** Built at first use, so that merely loading this class costs nothing. */
  private static final class Shared {
    static final DataConverter CONVERTER =
        DefaultDataConverter.newDefaultInstance()
            .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(Json.create()));
  }
}
