package dev.targo.worker.runtime;

import dev.targo.api.temporal.ArgoFailures;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Puts {@link LogFields} into the MDC wherever targo's code runs for a workflow, so that every line
 * logged about an attempt says which workflow, node, attempt and pod it is about: around each
 * activity call (its executor logs on the calling thread), on each workflow thread from the
 * workflow's input, and on a workflow thread that starts an attempt. The MDC is not workflow state:
 * setting it records nothing in the history, and a replay sets the same values again.
 */
public final class LogContextInterceptor extends WorkerInterceptorBase {
  private static final Logger LOG = LoggerFactory.getLogger(LogContextInterceptor.class);

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        Object first = input.getArguments().length > 0 ? input.getArguments()[0] : null;
        Map<String, String> fields = LogFields.of(first);
        fields.forEach(MDC::put);
        try {
          if (first instanceof PodRequest r) {
            LOG.info(
                "Running attempt {} of {} as pod {}", r.attempt() + 1, r.nodeName(), r.podName());
          }
          ActivityOutput output;
          try {
            output = super.execute(input);
          } catch (RuntimeException failed) {
            ArgoFailures.attemptOutcome(failed).ifPresent(LogContextInterceptor::ended);
            throw failed;
          }
          if (output.getResult() instanceof AttemptOutcome o) {
            ended(o);
          }
          return output;
        } finally {
          fields.keySet().forEach(MDC::remove);
        }
      }
    };
  }

  /** The one line an attempt logs when its pod ends. */
  private static void ended(AttemptOutcome o) {
    LOG.info(
        "Pod {} ended {}{}", o.podName(), o.phase(), o.message() == null ? "" : ": " + o.message());
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(new Outbound(outbound));
      }

      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        // The SDK clears the MDC when the workflow thread ends.
        Object[] args = input.getArguments();
        LogFields.of(args.length > 0 ? args[0] : null).forEach(MDC::put);
        return super.execute(input);
      }
    };
  }

  private static final class Outbound extends WorkflowOutboundCallsInterceptorBase {
    Outbound(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      Object[] args = input.getArgs();
      if (args.length > 0 && args[0] instanceof PodRequest request) {
        LogFields.of(request).forEach(MDC::put);
      }
      return super.executeActivity(input);
    }

    @Override
    public Object newChildThread(Runnable runnable, boolean detached, String name) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String key : LogFields.KEYS) {
        String value = MDC.get(key);
        if (value != null) {
          fields.put(key, value);
        }
      }
      Runnable inherit =
          () -> {
            fields.forEach(MDC::put);
            runnable.run();
          };
      return super.newChildThread(inherit, detached, name);
    }
  }
}
