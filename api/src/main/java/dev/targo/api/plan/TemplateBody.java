package dev.targo.api.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What a template runs: the Argo template kinds targo supports. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TemplateBody.ContainerBody.class, name = "container"),
  @JsonSubTypes.Type(value = TemplateBody.ScriptBody.class, name = "script")
})
public sealed interface TemplateBody {

  /** The main container of the pod. */
  ContainerSpec container();

  /**
   * Argo {@code template.container}.
   *
   * @param container the container
   */
  record ContainerBody(ContainerSpec container) implements TemplateBody {}

  /**
   * Argo {@code template.script}: a container whose {@code source} is run by its command.
   *
   * @param container the container fields of {@code script}
   * @param source {@code script.source}
   */
  record ScriptBody(ContainerSpec container, String source) implements TemplateBody {}
}
