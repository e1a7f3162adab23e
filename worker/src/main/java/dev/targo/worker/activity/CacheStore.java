package dev.targo.worker.activity;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.argo.memo.CacheEntry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DataConverter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * targo's memoization caches, kept in Temporal itself as the template store keeps templates
 * (docs/DESIGN.md §20): each entry is one open {@code ArgoCacheEntry} workflow whose id names the
 * cache and the key and whose memo holds the entry as Argo keeps it in its cache ConfigMap. Saving
 * starts it, terminating the entry saved there before; reading describes it (no worker needed);
 * deleting terminates it. Shared by every worker and client of the Temporal namespace, as Argo's
 * caches are by every workflow of its controller.
 */
public final class CacheStore {

  /** Temporal workflow ids stay well below the server's limit; longer keys end in a hash. */
  static final int MAX_ID = 255;

  /**
   * A stored entry.
   *
   * @param cache the cache's name
   * @param key its key
   * @param entry the entry
   */
  public record Stored(String cache, String key, CacheEntry entry) {}

  private final WorkflowClient client;
  private final String taskQueue;
  private final DataConverter converter = PayloadJson.dataConverter();

  public CacheStore(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /**
   * The id of the workflow that holds key {@code key} of cache {@code cache}: {@code
   * targo:memo/<cache>/<key>}. Neither a ConfigMap name nor a key Argo accepts holds a {@code /};
   * an id longer than {@link #MAX_ID} keeps its start and ends in the SHA-256 of the whole (the
   * holder's memo names the key, so that a lookup never takes another key's entry).
   */
  public static String workflowId(String cache, String key) {
    String id = Names.CACHE_ENTRY_ID_PREFIX + cache + "/" + key;
    if (id.length() <= MAX_ID) {
      return id;
    }
    String hash = "-" + sha256(id);
    return id.substring(0, MAX_ID - hash.length()) + hash;
  }

  /** The entry under {@code key} of cache {@code cache}, or null when there is none. */
  public CacheEntry load(String cache, String key) {
    WorkflowExecutionInfo info = describe(workflowId(cache, key));
    Stored stored = info == null ? null : stored(info);
    return stored != null && stored.cache().equals(cache) && stored.key().equals(key)
        ? stored.entry()
        : null;
  }

  /** Saves {@code entry} under {@code key} of cache {@code cache}, replacing the one there. */
  public void save(String cache, String key, CacheEntry entry) {
    Map<String, Object> memo = new TreeMap<>();
    memo.put(Names.MEMO_CACHE_NAME, cache);
    memo.put(Names.MEMO_CACHE_KEY, key);
    memo.put(Names.MEMO_CACHE_ENTRY, entry);
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId(cache, key))
            .setTaskQueue(taskQueue)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            // The newest entry wins, as a ConfigMap key written again.
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING)
            .setMemo(memo)
            .setStaticSummary("memoize cache " + cache + ", key " + key)
            .build();
    client.newUntypedWorkflowStub(Names.CACHE_ENTRY_WORKFLOW_TYPE, options).start();
  }

  /** Deletes the entry under {@code key} of cache {@code cache}; false when there was none. */
  public boolean delete(String cache, String key, String reason) {
    try {
      client.newUntypedWorkflowStub(workflowId(cache, key)).terminate(reason);
      return true;
    } catch (WorkflowNotFoundException gone) {
      return false;
    }
  }

  /** Every entry of cache {@code cache} (of every cache when null), by cache and key. */
  public List<Stored> list(String cache) {
    String prefix = Names.CACHE_ENTRY_ID_PREFIX + (cache == null ? "" : cache + "/");
    Map<String, Stored> byId = new TreeMap<>();
    for (WorkflowExecutionInfo listed : open()) {
      String id = listed.getExecution().getWorkflowId();
      if (!id.startsWith(prefix) || byId.containsKey(id)) {
        continue;
      }
      // Listings may leave the memo out (the embedded server does); describing has it.
      WorkflowExecutionInfo info = describe(id);
      Stored stored = info == null ? null : stored(info);
      if (stored != null && (cache == null || stored.cache().equals(cache))) {
        byId.put(id, stored);
      }
    }
    List<Stored> out = new ArrayList<>(byId.values());
    out.sort(java.util.Comparator.comparing(Stored::cache).thenComparing(Stored::key));
    return out;
  }

  private WorkflowExecutionInfo describe(String id) {
    try {
      return stub()
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                  .build())
          .getWorkflowExecutionInfo();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  /** The entry an open holder keeps, or null (closed, another type, or no entry in its memo). */
  private Stored stored(WorkflowExecutionInfo info) {
    if (info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        || !info.getType().getName().equals(Names.CACHE_ENTRY_WORKFLOW_TYPE)) {
      return null;
    }
    Map<String, Payload> memo = info.getMemo().getFieldsMap();
    Payload entry = memo.get(Names.MEMO_CACHE_ENTRY);
    Payload cache = memo.get(Names.MEMO_CACHE_NAME);
    Payload key = memo.get(Names.MEMO_CACHE_KEY);
    if (entry == null || cache == null || key == null) {
      return null;
    }
    return new Stored(
        converter.fromPayload(cache, String.class, String.class),
        converter.fromPayload(key, String.class, String.class),
        converter.fromPayload(entry, CacheEntry.class, CacheEntry.class));
  }

  /**
   * The open workflows of the holder type, page by page (the basic listing, which every server
   * answers alike; the type is checked again on each, as the embedded server ignores the filter).
   */
  private List<WorkflowExecutionInfo> open() {
    List<WorkflowExecutionInfo> out = new ArrayList<>();
    com.google.protobuf.ByteString token = com.google.protobuf.ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsResponse page =
          stub()
              .listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setTypeFilter(
                          WorkflowTypeFilter.newBuilder()
                              .setName(Names.CACHE_ENTRY_WORKFLOW_TYPE)
                              .build())
                      .setMaximumPageSize(1000)
                      .setNextPageToken(token)
                      .build());
      out.addAll(page.getExecutionsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return out;
  }

  private WorkflowServiceGrpc.WorkflowServiceBlockingStub stub() {
    return client.getWorkflowServiceStubs().blockingStub();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
