package dev.targo.cli.connect;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.targo.api.PayloadJson;
import dev.targo.cli.ExitCodes;
import dev.targo.cli.UserError;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A checked connection to Temporal: the service stubs, a workflow client with targo's data
 * converter, the namespace and the task queue. Opening it makes one cheap call ({@code
 * GetSystemInfo}) so that an unreachable server is reported at once, as one line with exit code 3.
 */
public final class TemporalConnection implements AutoCloseable {

  /** How long the first call may take before the server counts as unreachable. */
  static final long CONNECT_TIMEOUT_SECONDS = 5;

  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private final String taskQueue;
  private final String address;

  private TemporalConnection(
      WorkflowServiceStubs service, WorkflowClient client, String taskQueue, String address) {
    this.service = service;
    this.client = client;
    this.taskQueue = taskQueue;
    this.address = address;
  }

  /** Connects as {@code options} and Temporal's environment configuration say. */
  public static TemporalConnection open(ConnectionOptions options) {
    return open(options, null);
  }

  /**
   * The same, reporting the Temporal SDK's metrics (requests, polls, task latencies, slots) to
   * {@code metrics} through its Micrometer reporter, when not null.
   */
  public static TemporalConnection open(ConnectionOptions options, MeterRegistry metrics) {
    return open(options, metrics, null);
  }

  /**
   * The same, with {@code identity} (when not null) as the identity Temporal records for this
   * client's calls and its workers' tasks ({@link WorkerIdentity}).
   */
  public static TemporalConnection open(
      ConnectionOptions options, MeterRegistry metrics, String identity) {
    ClientConfigProfile profile = profile(options);
    WorkflowServiceStubsOptions stubOptions = profile.toWorkflowServiceStubsOptions();
    if (metrics != null) {
      Scope scope =
          new RootScopeBuilder()
              .reporter(new MicrometerClientStatsReporter(metrics))
              .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
      stubOptions =
          WorkflowServiceStubsOptions.newBuilder(stubOptions).setMetricsScope(scope).build();
    }
    WorkflowClientOptions.Builder clientBuilder =
        WorkflowClientOptions.newBuilder(profile.toWorkflowClientOptions())
            .setDataConverter(PayloadJson.dataConverter());
    if (identity != null) {
      clientBuilder.setIdentity(identity);
    }
    WorkflowClientOptions clientOptions = clientBuilder.build();
    String address = stubOptions.getTarget();
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(stubOptions);
    try {
      service
          .blockingStub()
          .withDeadlineAfter(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      service.shutdownNow();
      throw Unreachable.error(address, e);
    }
    return new TemporalConnection(
        service, WorkflowClient.newInstance(service, clientOptions), options.taskQueue(), address);
  }

  private static ClientConfigProfile profile(ConnectionOptions options) {
    ClientConfigProfile loaded;
    try {
      LoadClientConfigProfileOptions.Builder load = LoadClientConfigProfileOptions.newBuilder();
      if (options.profile() != null) {
        load.setConfigFileProfile(options.profile());
      }
      loaded = ClientConfigProfile.load(load.build());
    } catch (IOException | RuntimeException e) {
      throw new UserError(
          ExitCodes.BAD_INPUT, "cannot read the Temporal client configuration: " + e.getMessage());
    }
    ClientConfigProfile.Builder b = loaded.toBuilder();
    if (options.address() != null) {
      b.setAddress(options.address());
    }
    if (options.namespace() != null) {
      b.setNamespace(options.namespace());
    }
    return b.build();
  }

  public WorkflowClient client() {
    return client;
  }

  public WorkflowServiceStubs service() {
    return service;
  }

  public String namespace() {
    return client.getOptions().getNamespace();
  }

  public String taskQueue() {
    return taskQueue;
  }

  public String address() {
    return address;
  }

  @Override
  public void close() {
    service.shutdown();
    if (!service.awaitTermination(5, TimeUnit.SECONDS)) {
      service.shutdownNow();
    }
  }
}
