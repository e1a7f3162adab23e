package dev.targo.worker.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.api.PayloadJson;
import dev.targo.api.temporal.CronRun;
import dev.targo.argo.plan.CronSpec;
import dev.targo.argo.plan.CronStatus;
import dev.targo.worker.support.Plans;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.schedule.v1.Schedule;
import io.temporal.api.schedule.v1.ScheduleAction;
import io.temporal.api.workflow.v1.NewWorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeScheduleRequest;
import io.temporal.api.workflowservice.v1.DescribeScheduleResponse;
import io.temporal.api.workflowservice.v1.UpdateScheduleRequest;
import io.temporal.api.workflowservice.v1.UpdateScheduleResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Counting ended cron runs in the schedule's action, against a fake scheduler that keeps one
 * schedule with a conflict token and, like Temporal's, drops an update whose token is stale.
 */
class CronRunCounterTest {
  private static final String ID = "targo-cron:argo/nightly";

  /** The scheduler: one schedule, its conflict token, the updates it applied. */
  static final class FakeScheduler extends WorkflowServiceGrpc.WorkflowServiceImplBase {
    Schedule schedule;
    long token = 1;
    int applied;

    /** A change made by someone else between the next describe and the update after it. */
    boolean concurrentChange;

    /** The schedule was deleted. */
    boolean gone;

    @Override
    public void getSystemInfo(
        io.temporal.api.workflowservice.v1.GetSystemInfoRequest request,
        StreamObserver<io.temporal.api.workflowservice.v1.GetSystemInfoResponse> response) {
      response.onNext(
          io.temporal.api.workflowservice.v1.GetSystemInfoResponse.getDefaultInstance());
      response.onCompleted();
    }

    @Override
    public void describeSchedule(
        DescribeScheduleRequest request, StreamObserver<DescribeScheduleResponse> response) {
      if (gone) {
        response.onError(io.grpc.Status.NOT_FOUND.asRuntimeException());
        return;
      }
      DescribeScheduleResponse described =
          DescribeScheduleResponse.newBuilder()
              .setSchedule(schedule)
              .setConflictToken(com.google.protobuf.ByteString.copyFromUtf8(Long.toString(token)))
              .build();
      if (concurrentChange) {
        concurrentChange = false;
        token++;
      }
      response.onNext(described);
      response.onCompleted();
    }

    @Override
    public void updateSchedule(
        UpdateScheduleRequest request, StreamObserver<UpdateScheduleResponse> response) {
      // Temporal's scheduler answers every update and applies only one with the current token.
      if (request.getConflictToken().toStringUtf8().equals(Long.toString(token))) {
        schedule = request.getSchedule();
        token++;
        applied++;
      }
      response.onNext(UpdateScheduleResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  private final FakeScheduler scheduler = new FakeScheduler();
  private Server server;
  private ManagedChannel channel;
  private WorkflowServiceStubs service;
  private CronRunCounter counter;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name).directExecutor().addService(scheduler).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setChannel(channel).build());
    counter =
        new CronRunCounter(
            WorkflowClient.newInstance(
                service,
                WorkflowClientOptions.newBuilder()
                    .setNamespace("default")
                    .setDataConverter(PayloadJson.dataConverter())
                    .build()));
    scheduler.schedule = schedule("cronworkflow.succeeded >= 2");
  }

  @AfterEach
  void stop() {
    service.shutdownNow();
    channel.shutdownNow();
    server.shutdownNow();
  }

  private static Schedule schedule(String stopStrategy) {
    CronRun run =
        new CronRun(
            new CronSpec(
                "nightly",
                null,
                List.of("@daily"),
                null,
                null,
                null,
                3,
                1,
                false,
                stopStrategy,
                null),
            null,
            Plans.plan(Plans.container("nightly", null, "x")),
            Map.of(),
            "kind: Workflow",
            false,
            CronStatus.NONE);
    return Schedule.newBuilder()
        .setAction(
            ScheduleAction.newBuilder()
                .setStartWorkflow(
                    NewWorkflowExecutionInfo.newBuilder()
                        .setInput(PayloadJson.dataConverter().toPayloads(run).orElseThrow())))
        .build();
  }

  private CronRun action() {
    return PayloadJson.dataConverter()
        .fromPayloads(
            0,
            java.util.Optional.of(scheduler.schedule.getAction().getStartWorkflow().getInput()),
            CronRun.class,
            CronRun.class);
  }

  @Test
  void eachRunIsCountedOnceAndTheScheduleIsPausedWithANoteOnceTheStopStrategyHolds()
      throws Exception {
    counter.count(ID, "nightly-60", true);
    counter.count(ID, "nightly-60", true);

    assertThat(action().status().succeeded()).isEqualTo(1);
    assertThat(scheduler.applied).isEqualTo(1);
    assertThat(scheduler.schedule.getState().getPaused()).isFalse();

    CronStatus status = counter.count(ID, "nightly-120", true);

    assertThat(status.succeeded()).isEqualTo(2);
    assertThat(status.stopped()).isTrue();
    assertThat(action().status()).isEqualTo(status);
    assertThat(scheduler.schedule.getState().getPaused()).isTrue();
    assertThat(scheduler.schedule.getState().getNotes())
        .isEqualTo("stopStrategy: cronworkflow.succeeded >= 2 (succeeded 2, failed 0)");
  }

  @Test
  void anUpdateDroppedForAStaleTokenFailsTheAttemptAndTheRetryCountsOnce() throws Exception {
    scheduler.concurrentChange = true;

    assertThatThrownBy(() -> counter.count(ID, "nightly-60", false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was not applied");
    assertThat(scheduler.applied).isZero();

    CronStatus status = counter.count(ID, "nightly-60", false);

    assertThat(status.failed()).isEqualTo(1);
    assertThat(action().status().failed()).isEqualTo(1);
    assertThat(action().status().succeeded()).isZero();
    assertThat(scheduler.schedule.getState().getPaused()).isFalse();
  }

  @Test
  void aScheduleDeletedMeanwhileCountsNothing() throws Exception {
    scheduler.gone = true;

    assertThat(counter.count(ID, "nightly-60", true)).isEqualTo(CronStatus.NONE);
    assertThat(scheduler.applied).isZero();
  }
}
