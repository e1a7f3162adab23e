package dev.targo.api;

/**
 * Wire names pinned as constants, so renaming a Java type never breaks a running workflow: the
 * Temporal workflow type, activity, query and search-attribute names, memo keys, the default task
 * queue, and the Kubernetes label and annotation keys targo puts on its pods.
 */
public final class Names {
  private Names() {}

  /** Default Temporal task queue of targo workers. */
  public static final String TASK_QUEUE = "targo";

  /** Temporal workflow type of a submitted Argo {@code Workflow}. */
  public static final String WORKFLOW_TYPE = "ArgoWorkflow";

  /**
   * Temporal workflow type of one node below the root of an Argo workflow (a step or task
   * invocation), run as a child workflow with id {@code <wf>/<node name>}.
   */
  public static final String NODE_WORKFLOW_TYPE = "ArgoNode";

  /**
   * Temporal workflow type that holds one {@code WorkflowTemplate} or {@code
   * ClusterWorkflowTemplate} of targo's template store: it stays open while the template exists,
   * the template's YAML in its memo under {@link #MEMO_YAML}, and is terminated when the template
   * is deleted (docs/DESIGN.md §10).
   */
  public static final String TEMPLATE_WORKFLOW_TYPE = "ArgoWorkflowTemplate";

  /** Workflow id prefix of a {@code WorkflowTemplate}: {@code <prefix><namespace>/<name>}. */
  public static final String TEMPLATE_ID_PREFIX = "targo:workflowtemplate/";

  /** Workflow id prefix of a {@code ClusterWorkflowTemplate}: {@code <prefix><name>}. */
  public static final String CLUSTER_TEMPLATE_ID_PREFIX = "targo:clusterworkflowtemplate/";

  /**
   * Temporal workflow type that holds one entry of a memoization cache ({@code memoize}): it stays
   * open while the entry exists, the entry in its memo under {@link #MEMO_CACHE_ENTRY}; saving the
   * key again replaces it (docs/DESIGN.md §20).
   */
  public static final String CACHE_ENTRY_WORKFLOW_TYPE = "ArgoCacheEntry";

  /**
   * Workflow id prefix of a memoization cache entry: {@code <prefix><cache>/<key>} ({@code :} is in
   * no Argo name, so no workflow's id can clash).
   */
  public static final String CACHE_ENTRY_ID_PREFIX = "targo:memo/";

  /** Memo key of a cache entry's holder: the entry, as Argo keeps it under its key. */
  public static final String MEMO_CACHE_ENTRY = "argo.cacheEntry";

  /** Memo key of a cache entry's holder: the cache's name. */
  public static final String MEMO_CACHE_NAME = "argo.cacheName";

  /** Memo key of a cache entry's holder: the entry's key. */
  public static final String MEMO_CACHE_KEY = "argo.cacheKey";

  /** Activity reading one entry of a memoization cache. */
  public static final String ACTIVITY_LOAD_CACHE_ENTRY = "LoadCacheEntry";

  /** Activity saving one entry of a memoization cache. */
  public static final String ACTIVITY_SAVE_CACHE_ENTRY = "SaveCacheEntry";

  /** Activity type that runs one attempt of a container or script template as a pod. */
  public static final String ACTIVITY_RUN_POD = "RunPodAttempt";

  /**
   * Activity type that deletes finished pods: named ones, or every pod of a workflow. The workflow
   * calls it once an attempt's outcome is recorded, so a worker dying in between never loses one.
   */
  public static final String ACTIVITY_DELETE_PODS = "DeletePods";

  /** Query returning the Argo-shaped {@code Workflow.status}. */
  public static final String QUERY_STATUS = "status";

  /**
   * Signal asking the workflow to shut down with an Argo strategy ({@code spec.shutdown}): {@link
   * #STOP_STRATEGY_STOP} or {@link #STOP_STRATEGY_TERMINATE}.
   */
  public static final String SIGNAL_STOP = "stop";

  /** Signal name of {@code targo resume} and {@code targo node set}: a {@code NodeUpdate}. */
  public static final String SIGNAL_NODE_UPDATE = "updateNodes";

  /** Workflow type of the lock of Argo's {@code synchronization} ({@code LockWorkflow}). */
  public static final String LOCK_WORKFLOW_TYPE = "ArgoLock";

  /** Prefix of a lock's workflow id; the lock's key follows. */
  public static final String LOCK_WORKFLOW_ID_PREFIX = "targo-lock:";

  /** Signal to a lock: a holder asks for it. */
  public static final String SIGNAL_LOCK_REQUEST = "request";

  /** Signal to a lock: a holder gives it back (or gives up waiting). */
  public static final String SIGNAL_LOCK_RELEASE = "release";

  /** Signal from a lock to the workflow that asked for it: the lock is held now. */
  public static final String SIGNAL_LOCK_GRANTED = "lockGranted";

  /**
   * A daemon's pod runs and is ready: sent by the attempt's activity to the workflow that runs it,
   * and by that workflow to its parent for the node it runs.
   */
  public static final String SIGNAL_DAEMONED = "daemoned";

  /** Stops the daemon a node workflow runs: its boundary (steps or DAG node) has ended. */
  public static final String SIGNAL_STOP_DAEMON = "stopDaemon";

  /** Activity asking a lock for a holder, starting the lock's workflow when it is not running. */
  public static final String ACTIVITY_LOCK_REQUEST = "RequestLock";

  /** Activity giving a lock back. */
  public static final String ACTIVITY_LOCK_RELEASE = "ReleaseLock";

  /** Activity reading a semaphore's limit. */
  public static final String ACTIVITY_SEMAPHORE_LIMIT = "SemaphoreLimit";

  /** Activity reading the data of the ConfigMaps a workflow's parameters name. */
  public static final String ACTIVITY_CONFIG_MAPS = "ConfigMapData";

  /** Activity telling which of some workflows have closed (a lock frees what they held). */
  public static final String ACTIVITY_CLOSED_WORKFLOWS = "ClosedWorkflows";

  /** Activity deleting a cron workflow's finished runs beyond its history limits. */
  public static final String ACTIVITY_PRUNE_CRON_RUNS = "PruneCronRuns";

  /**
   * Activity counting an ended run in its cron workflow's status and pausing the schedule once the
   * {@code stopStrategy} holds.
   */
  public static final String ACTIVITY_COUNT_CRON_RUN = "CountCronRun";

  /** Activity stopping a cron workflow's running runs before a new one (policy Replace). */
  public static final String ACTIVITY_TERMINATE_CRON_RUNS = "TerminateCronRuns";

  /** Activity sending an {@code http} template's request. */
  public static final String ACTIVITY_HTTP_REQUEST = "HttpRequest";

  /** Activity deleting a finished workflow whose {@code ttlStrategy} has expired. */
  public static final String ACTIVITY_DELETE_EXPIRED_WORKFLOW = "DeleteExpiredWorkflow";

  /**
   * Temporal workflow type that deletes a finished workflow once its {@code ttlStrategy} has
   * expired (Argo's garbage collector): started by the workflow as it ends, with id {@link
   * #TTL_WORKFLOW_ID_PREFIX}{@code <workflow id>}.
   */
  public static final String TTL_WORKFLOW_TYPE = "ArgoWorkflowTtl";

  /** Prefix of a {@link #TTL_WORKFLOW_TYPE} workflow's id ({@code :} is in no Argo name). */
  public static final String TTL_WORKFLOW_ID_PREFIX = "targo-ttl:";

  /** Argo's {@code Stop} shutdown strategy (exit handlers would still run). */
  public static final String STOP_STRATEGY_STOP = "Stop";

  /** Argo's {@code Terminate} shutdown strategy (nothing more runs). */
  public static final String STOP_STRATEGY_TERMINATE = "Terminate";

  /**
   * Temporal workflow type of one run of a {@code CronWorkflow}: started by the cron workflow's
   * Temporal Schedule (id {@link #CRON_SCHEDULE_ID_PREFIX}{@code <ns>/<name>}), it starts the run's
   * {@link #WORKFLOW_TYPE} workflow {@code <name>-<unix seconds>} as its child and waits for it, so
   * that the schedule's overlap policy sees the run as running.
   */
  public static final String CRON_RUN_WORKFLOW_TYPE = "ArgoCronRun";

  /**
   * Prefix of the Temporal Schedule id of a {@code CronWorkflow}: {@code targo-cron:<ns>/<name>}.
   */
  public static final String CRON_SCHEDULE_ID_PREFIX = "targo-cron:";

  /** Memo key holding the submitted YAML text, for the Web UI. */
  public static final String MEMO_YAML = "argo.yaml";

  /**
   * Memo key holding the Kubernetes namespace a workflow that names none runs in, as its first
   * worker chose it (the executor's default namespace).
   */
  public static final String MEMO_NAMESPACE = "argo.namespace";

  /** Search attribute: Argo phase of the workflow (Keyword). */
  public static final String SA_PHASE = "ArgoPhase";

  /** Search attribute: entrypoint template (Keyword). */
  public static final String SA_TEMPLATE = "ArgoTemplate";

  /** Search attribute: Argo namespace (Keyword). */
  public static final String SA_NAMESPACE = "ArgoNamespace";

  /** Search attribute: number of pod attempts so far (Int). */
  public static final String SA_ATTEMPTS = "ArgoAttempts";

  /** Label Argo puts on every pod of a workflow: {@code workflows.argoproj.io/workflow}. */
  public static final String LABEL_WORKFLOW = "workflows.argoproj.io/workflow";

  /** Label with the hash of the node id a pod belongs to. */
  public static final String LABEL_NODE = "targo.dev/node";

  /** Label with the attempt index of a pod. */
  public static final String LABEL_ATTEMPT = "targo.dev/attempt";

  /** Label key of the managed-by convention. */
  public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";

  /** Value of {@link #LABEL_MANAGED_BY} on targo's pods. */
  public static final String MANAGED_BY_VALUE = "targo";

  /** Annotation with the full Argo node name of a pod ({@code wf(1)}). */
  public static final String ANNOTATION_NODE_NAME = "workflows.argoproj.io/node-name";

  /** Annotation with the full Argo node id of a pod. */
  public static final String ANNOTATION_NODE_ID = "targo.dev/node-id";

  /** Default node label used for {@code nodeAntiAffinity} exclusions. */
  public static final String DEFAULT_HOSTNAME_LABEL = "kubernetes.io/hostname";

  /** Default Kubernetes namespace when a workflow names none. */
  public static final String DEFAULT_NAMESPACE = "default";
}
