package dev.targo.cli.client;

import dev.targo.api.Names;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * targo's custom search attributes ({@code ArgoPhase}, {@code ArgoTemplate}, {@code ArgoNamespace}
 * as Keyword, {@code ArgoAttempts} as Int): whether a namespace has them, and registering them
 * where the server allows it (idempotent).
 */
public final class SearchAttributeSupport {
  private SearchAttributeSupport() {}

  /** The attributes and their types, in a fixed order. */
  public static final Map<String, IndexedValueType> ATTRIBUTES = attributes();

  private static Map<String, IndexedValueType> attributes() {
    Map<String, IndexedValueType> m = new LinkedHashMap<>();
    m.put(Names.SA_PHASE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    m.put(Names.SA_TEMPLATE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    m.put(Names.SA_NAMESPACE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    m.put(Names.SA_ATTEMPTS, IndexedValueType.INDEXED_VALUE_TYPE_INT);
    return Map.copyOf(m);
  }

  /** What registering did. */
  public enum Registration {
    /** All four were there already. */
    PRESENT,
    /** Missing ones were added. */
    ADDED,
    /** The server does not offer the operator API (Temporal's test server, Temporal Cloud). */
    UNSUPPORTED
  }

  /** True when {@code namespace} has all four attributes with their types. */
  public static boolean registered(WorkflowServiceStubs service, String namespace) {
    try {
      return missing(service, namespace).isEmpty();
    } catch (StatusRuntimeException e) {
      if (unsupported(e)) {
        return false;
      }
      throw e;
    }
  }

  /** Adds the attributes {@code namespace} lacks. */
  public static Registration register(WorkflowServiceStubs service, String namespace) {
    Map<String, IndexedValueType> missing;
    try {
      missing = missing(service, namespace);
    } catch (StatusRuntimeException e) {
      if (unsupported(e)) {
        return Registration.UNSUPPORTED;
      }
      throw e;
    }
    if (missing.isEmpty()) {
      return Registration.PRESENT;
    }
    OperatorServiceStubs operator = operator(service);
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace(namespace)
                  .putAllSearchAttributes(missing)
                  .build());
      return Registration.ADDED;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        return Registration.PRESENT;
      }
      if (unsupported(e)) {
        return Registration.UNSUPPORTED;
      }
      throw e;
    } finally {
      close(operator);
    }
  }

  private static Map<String, IndexedValueType> missing(
      WorkflowServiceStubs service, String namespace) {
    OperatorServiceStubs operator = operator(service);
    try {
      Map<String, IndexedValueType> custom =
          operator
              .blockingStub()
              .listSearchAttributes(
                  ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
              .getCustomAttributesMap();
      Map<String, IndexedValueType> missing = new LinkedHashMap<>();
      for (Map.Entry<String, IndexedValueType> e : ATTRIBUTES.entrySet()) {
        if (custom.get(e.getKey()) != e.getValue()) {
          missing.put(e.getKey(), e.getValue());
        }
      }
      return missing;
    } finally {
      close(operator);
    }
  }

  private static boolean unsupported(StatusRuntimeException e) {
    Status.Code code = e.getStatus().getCode();
    return code == Status.Code.UNIMPLEMENTED || code == Status.Code.PERMISSION_DENIED;
  }

  private static OperatorServiceStubs operator(WorkflowServiceStubs service) {
    return OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder()
            .setChannel(service.getRawChannel())
            .validateAndBuildWithDefaults());
  }

  /** The stubs borrow the workflow service's channel, which stays open. */
  private static void close(OperatorServiceStubs operator) {
    operator.shutdown();
  }
}
