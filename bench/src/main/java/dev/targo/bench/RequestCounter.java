package dev.targo.bench;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the gRPC calls a worker and its client make to Temporal, by method. */
public final class RequestCounter implements ClientInterceptor {
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    calls.computeIfAbsent(method.getBareMethodName(), m -> new LongAdder()).increment();
    return next.newCall(method, options);
  }

  /** Calls so far by method. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    calls.forEach((m, n) -> copy.put(m, n.sum()));
    return copy;
  }

  /** Calls so far in all, long polls excluded (they wait for work rather than do any). */
  public long total() {
    return snapshot().entrySet().stream()
        .filter(e -> !e.getKey().startsWith("Poll"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
