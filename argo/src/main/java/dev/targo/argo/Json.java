package dev.targo.argo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one factory for targo's JSON mapper: Temporal payloads (through {@code
 * dev.targo.api.PayloadJson}), {@code -o json}, and JSON values inside Argo semantics (loop items,
 * pod spec patches). Records tolerate unknown fields so that an older worker can read a newer
 * client's plan (the opposite of the strict YAML reader).
 */
public final class Json {
  private Json() {}

  private static final ObjectMapper MAPPER = create();

  /** A new mapper configured for targo records. */
  public static ObjectMapper create() {
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .build();
  }

  /** A shared, already configured mapper (thread-safe once configured). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
