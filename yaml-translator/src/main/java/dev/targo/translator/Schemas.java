package dev.targo.translator;

import java.util.List;
import java.util.Map;

/**
 * The field tables, from Argo's {@code workflow_types.go} (v4.1) and the Kubernetes core types.
 * "Unsupported" lists every other field Argo accepts at that place, so that those are reported as
 * valid Argo that targo does not run yet rather than as typos.
 */
final class Schemas {
  private Schemas() {}

  static final Schema ROOT =
      Schema.of(
              "the workflow", List.of("apiVersion", "kind", "metadata", "spec"), List.of("status"))
          .withMessages(
              Map.of("status", "`status` is written by the workflow controller; remove it"));

  static final Schema CRON_ROOT =
      Schema.of(
              "the CronWorkflow",
              List.of("apiVersion", "kind", "metadata", "spec"),
              List.of("status"))
          .withMessages(Map.of("status", "`status` is written by the cron controller; remove it"));

  static final Schema CRON_SPEC =
      Schema.of(
          "a CronWorkflow's spec",
          List.of(
              "schedules",
              "schedule",
              "timezone",
              "concurrencyPolicy",
              "startingDeadlineSeconds",
              "successfulJobsHistoryLimit",
              "failedJobsHistoryLimit",
              "suspend",
              "stopStrategy",
              "when",
              "workflowSpec"),
          List.of("workflowMetadata"));

  static final Schema CRON_STOP_STRATEGY =
      Schema.of("a CronWorkflow's stopStrategy", List.of("expression"), List.of());

  static final Schema METADATA =
      Schema.of(
          "metadata",
          List.of("name", "generateName", "namespace", "labels", "annotations"),
          List.of(
              "uid",
              "resourceVersion",
              "generation",
              "creationTimestamp",
              "deletionTimestamp",
              "deletionGracePeriodSeconds",
              "ownerReferences",
              "finalizers",
              "managedFields",
              "selfLink"));

  static final Schema SPEC =
      Schema.of(
          "spec",
          List.of(
              "templates",
              "entrypoint",
              "arguments",
              "serviceAccountName",
              "activeDeadlineSeconds",
              "podGC",
              "retryStrategy",
              "templateDefaults",
              "onExit",
              "synchronization",
              "parallelism",
              "priority",
              "suspend",
              "ttlStrategy",
              "hooks",
              "automountServiceAccountToken",
              "volumes",
              "imagePullSecrets",
              "dnsPolicy",
              "dnsConfig",
              "podPriorityClassName",
              "hostAliases",
              "podSpecPatch",
              "podMetadata",
              "podResources",
              "resourceClaims",
              "volumeClaimTemplates",
              "podDisruptionBudget",
              "workflowMetadata",
              "artifactGC",
              "archiveLogs",
              "artifactRepositoryRef"),
          List.of(
              "executor",
              "nodeSelector",
              "affinity",
              "tolerations",
              "hostNetwork",
              "schedulerName",
              "securityContext",
              "metrics",
              "shutdown",
              "workflowTemplateRef",
              "volumeClaimGC",
              "executorPlugins"));

  /** The template kinds targo runs. */
  static final List<String> KINDS =
      List.of("container", "script", "containerSet", "steps", "dag", "suspend", "http", "resource");

  /** The other Argo template kinds. */
  static final List<String> UNSUPPORTED_KINDS = List.of("data", "plugin");

  static final Schema TEMPLATE = template();

  /**
   * {@code spec.templateDefaults}: a template whose fields are merged into every template. It is
   * read on its own and again inside each merged template; the same schema (and so the same
   * message) lets the repeated problems collapse into one.
   */
  static final Schema TEMPLATE_DEFAULTS = TEMPLATE;

  private static Schema template() {
    return Schema.of(
            "template",
            List.of(
                "name",
                "container",
                "script",
                "containerSet",
                "inputs",
                "retryStrategy",
                "activeDeadlineSeconds",
                "timeout",
                "nodeSelector",
                "affinity",
                "tolerations",
                "metadata",
                "podSpecPatch",
                "serviceAccountName",
                "steps",
                "dag",
                "outputs",
                "parallelism",
                "failFast",
                "synchronization",
                "suspend",
                "volumes",
                "priorityClassName",
                "automountServiceAccountToken",
                "hostAliases",
                "podResources",
                "resourceClaims",
                "initContainers",
                "sidecars",
                "archiveLocation",
                "http",
                "memoize",
                "resource",
                "annotations",
                "pendingTimeout",
                "daemon"),
            List.of("data", "plugin", "schedulerName", "executor", "securityContext", "metrics"))
        .withMessages(kindMessages());
  }

  private static Map<String, String> kindMessages() {
    return Map.of(
        "data", kind("data"),
        "plugin", kind("plugin"));
  }

  private static String kind(String kind) {
    return "`" + kind + "` templates are valid Argo but not supported by targo yet";
  }

  static final Schema INPUTS = Schema.of("inputs", List.of("parameters", "artifacts"));

  /** Argo's {@code Memoize}. */
  static final Schema MEMOIZE = Schema.of("memoize", List.of("key", "maxAge", "cache"));

  /** Argo's {@code Cache}: only ConfigMaps. */
  static final Schema CACHE = Schema.of("memoize.cache", List.of("configMap"));

  /** A cache's {@code configMap} (a {@code LocalObjectReference}). */
  static final Schema CACHE_CONFIG_MAP = Schema.of("memoize.cache.configMap", List.of("name"));

  /** A step's or task's {@code arguments}. */
  static final Schema ARGUMENTS = Schema.of("arguments", List.of("parameters", "artifacts"));

  /** Argo's {@code Artifact}. */
  static final Schema ARTIFACT =
      Schema.of(
          "an artifact",
          List.of(
              "name",
              "path",
              "mode",
              "from",
              "fromExpression",
              "optional",
              "archive",
              "raw",
              "s3",
              "http",
              "git",
              "subPath",
              "artifactGC",
              "globalName"),
          List.of(
              "recurseMode",
              "archiveLogs",
              "deleted",
              "description",
              "gcs",
              "hdfs",
              "oss",
              "artifactory",
              "azure",
              "huggingFace",
              "plugin"));

  static final Schema ARCHIVE = Schema.of("archive", List.of("tar", "none", "zip"));

  static final Schema ARTIFACT_REPOSITORY_REF =
      Schema.of("artifactRepositoryRef", List.of("configMap", "key"));

  /** A template's {@code archiveLocation}: only {@code archiveLogs}; its own store is not yet. */
  static final Schema ARCHIVE_LOCATION =
      Schema.of(
          "archiveLocation",
          List.of("archiveLogs"),
          List.of(
              "s3",
              "gcs",
              "git",
              "http",
              "hdfs",
              "raw",
              "oss",
              "artifactory",
              "azure",
              "huggingFace",
              "plugin"));

  static final Schema ARTIFACT_GC =
      Schema.of("artifactGC", List.of("strategy"), List.of("serviceAccountName", "podMetadata"));

  static final Schema ARCHIVE_TAR = Schema.of("archive.tar", List.of("compressionLevel"));

  static final Schema EMPTY = Schema.of("this field", List.of());

  static final Schema RAW_ARTIFACT = Schema.of("raw", List.of("data"));

  static final Schema HTTP_ARTIFACT = Schema.of("http", List.of("url", "headers"), List.of("auth"));

  static final Schema HTTP_HEADER = Schema.of("a header", List.of("name", "value"));

  static final Schema GIT_ARTIFACT =
      Schema.of(
          "git",
          List.of("repo", "revision", "depth", "branch", "singleBranch", "disableSubmodules"),
          List.of(
              "fetch",
              "usernameSecret",
              "passwordSecret",
              "sshPrivateKeySecret",
              "insecureIgnoreHostKey",
              "insecureSkipTLS"));

  static final Schema S3_ARTIFACT =
      Schema.of(
          "s3",
          List.of(
              "endpoint",
              "bucket",
              "region",
              "insecure",
              "key",
              "accessKeySecret",
              "secretKeySecret"),
          List.of(
              "roleARN",
              "useSDKCreds",
              "createBucketIfNotPresent",
              "encryptionOptions",
              "caSecret",
              "sessionTokenSecret",
              "keyFormat"));

  static final Schema SECRET_KEY_REF = Schema.of("a secret key reference", List.of("name", "key"));

  static final Schema STEP =
      Schema.of(
          "a step",
          List.of(
              "name",
              "template",
              "arguments",
              "when",
              "withItems",
              "withParam",
              "withSequence",
              "continueOn",
              "inline",
              "onExit",
              "hooks"),
          List.of("templateRef"));

  static final Schema TASK =
      Schema.of(
          "a task",
          List.of(
              "name",
              "template",
              "arguments",
              "dependencies",
              "depends",
              "when",
              "withItems",
              "withParam",
              "withSequence",
              "continueOn",
              "inline",
              "onExit",
              "hooks"),
          List.of("templateRef"));

  static final Schema DAG = Schema.of("dag", List.of("tasks", "target", "failFast"));

  /** Argo's {@code LifecycleHook}, as an exit hook. */
  /** A workflow's {@code spec.hooks.<name>}. */
  static final Schema WORKFLOW_HOOK =
      Schema.of(
          "a lifecycle hook",
          List.of("template", "arguments", "expression"),
          List.of("templateRef"));

  static final Schema LIFECYCLE_HOOK =
      Schema.of(
          "an exit hook", List.of("template", "arguments"), List.of("templateRef", "expression"));

  static final Schema SEQUENCE =
      Schema.of("withSequence", List.of("count", "start", "end", "format"));

  static final Schema CONTINUE_ON = Schema.of("continueOn", List.of("failed", "error"));

  static final Schema OUTPUTS =
      Schema.of("outputs", List.of("parameters", "artifacts"), List.of("result", "exitCode"))
          .withMessages(
              Map.of(
                  "result", "`outputs.result` is set from the node's output; remove it",
                  "exitCode", "`outputs.exitCode` is set from the node's exit code; remove it"));

  static final Schema OUTPUT_PARAMETER =
      Schema.of(
          "an output parameter",
          List.of("name", "value", "valueFrom", "description", "globalName"),
          List.of("default", "enum"));

  static final Schema VALUE_FROM =
      Schema.of(
              "valueFrom",
              List.of("path", "parameter", "default", "expression", "supplied", "jsonPath"),
              List.of("jqFilter", "event", "configMapKeyRef"))
          .withMessages(
              Map.of(
                  "jqFilter",
                  "`jqFilter` is valid Argo but not supported by targo yet: the worker has no jq;"
                      + " read the value with `jsonPath` (kubectl's JSONPath)"));

  /** Argo's {@code SuppliedValueFrom}: no fields. */
  static final Schema SUPPLIED = Schema.of("supplied", List.of());

  static final Schema SUSPEND = Schema.of("suspend", List.of("duration"));

  static final Schema HTTP =
      Schema.of(
              "http",
              List.of(
                  "method",
                  "url",
                  "headers",
                  "body",
                  "timeoutSeconds",
                  "successCondition",
                  "insecureSkipVerify"),
              List.of("bodyFrom"))
          .withMessages(
              Map.of(
                  "bodyFrom",
                  "`bodyFrom` (a body of bytes) is valid Argo but not supported by targo yet: give"
                      + " `body`"));

  static final Schema HTTP_TEMPLATE_HEADER =
      Schema.of("http header", List.of("name", "value"), List.of("valueFrom"))
          .withMessages(
              Map.of(
                  "valueFrom",
                  "a header's `valueFrom` (a Secret's key) is valid Argo but not supported by targo"
                      + " yet: give `value`"));

  /** Argo's {@code ResourceTemplate}. */
  static final Schema RESOURCE =
      Schema.of(
              "resource",
              List.of(
                  "action",
                  "mergeStrategy",
                  "manifest",
                  "successCondition",
                  "failureCondition",
                  "flags",
                  "setOwnerReference"),
              List.of("manifestFrom"))
          .withMessages(
              Map.of(
                  "manifestFrom",
                  "`manifestFrom` is valid Argo but not supported by targo yet: it reads the"
                      + " manifest from an input artifact, and targo's kubernetes executor has no"
                      + " artifacts yet (docs/DESIGN.md §16); write it in `manifest`"));

  static final Schema PARAMETER =
      Schema.of(
          "a parameter",
          List.of("name", "value", "default", "description", "enum"),
          List.of("valueFrom", "globalName"));

  static final Schema LOCAL_OBJECT_REFERENCE = Schema.of("a secret reference", List.of("name"));

  static final Schema DISRUPTION_BUDGET =
      Schema.of(
          "podDisruptionBudget",
          List.of("minAvailable", "maxUnavailable", "selector", "unhealthyPodEvictionPolicy"));

  static final Schema WORKFLOW_METADATA =
      Schema.of("workflowMetadata", List.of("labels", "annotations", "labelsFrom"));

  static final Schema LABEL_VALUE_FROM = Schema.of("a label's valueFrom", List.of("expression"));

  static final Schema DNS_CONFIG =
      Schema.of("dnsConfig", List.of("nameservers", "searches", "options"));

  static final Schema HOST_ALIAS = Schema.of("a host alias", List.of("ip", "hostnames"));

  static final Schema POD_RESOURCE_CLAIM =
      Schema.of(
          "a resource claim", List.of("name", "resourceClaimName", "resourceClaimTemplateName"));

  /** A Kubernetes {@code Volume}: its name and one volume source. */
  static final Schema VOLUME =
      Schema.of(
          "a volume",
          List.of(
              "name",
              "awsElasticBlockStore",
              "azureDisk",
              "azureFile",
              "cephfs",
              "cinder",
              "configMap",
              "csi",
              "downwardAPI",
              "emptyDir",
              "ephemeral",
              "fc",
              "flexVolume",
              "flocker",
              "gcePersistentDisk",
              "gitRepo",
              "glusterfs",
              "hostPath",
              "image",
              "iscsi",
              "nfs",
              "persistentVolumeClaim",
              "photonPersistentDisk",
              "portworxVolume",
              "projected",
              "quobyte",
              "rbd",
              "scaleIO",
              "secret",
              "storageos",
              "vsphereVolume"));

  /** A {@code PersistentVolumeClaim} of {@code volumeClaimTemplates}. */
  static final Schema CLAIM_TEMPLATE =
      Schema.of("a volume claim template", List.of("apiVersion", "kind", "metadata", "spec"));

  static final Schema CLAIM_METADATA =
      Schema.of("metadata", List.of("name", "labels", "annotations"));

  /**
   * A workflow argument or an input parameter: its value may come from a ConfigMap ({@code
   * valueFrom.configMapKeyRef}).
   */
  static final Schema PARAMETER_FROM_CONFIG_MAP =
      Schema.of(
          "a parameter",
          List.of("name", "value", "default", "description", "enum", "valueFrom"),
          List.of("globalName"));

  /** {@code valueFrom} of a workflow argument or an input parameter. */
  static final Schema PARAMETER_VALUE_FROM =
      Schema.of(
          "valueFrom",
          List.of("configMapKeyRef", "default"),
          List.of("path", "jsonPath", "jqFilter", "event", "parameter", "supplied", "expression"));

  static final Schema CONFIG_MAP_KEY_REF =
      Schema.of("configMapKeyRef", List.of("name", "key"), List.of("optional"));

  static final Schema TTL_STRATEGY =
      Schema.of(
          "ttlStrategy",
          List.of("secondsAfterCompletion", "secondsAfterSuccess", "secondsAfterFailure"));

  static final Schema POD_GC =
      Schema.of("podGC", List.of("strategy", "labelSelector", "deleteDelayDuration"));

  static final Schema LABEL_SELECTOR =
      Schema.of("labelSelector", List.of("matchLabels", "matchExpressions"));

  static final Schema RETRY_STRATEGY =
      Schema.of(
          "retryStrategy",
          // onOOMKilled: a targo extension (ARGO-SEMANTICS "targo extensions").
          List.of("limit", "retryPolicy", "backoff", "affinity", "expression", "onOOMKilled"));

  /** targo's {@code retryStrategy.onOOMKilled}: what grows after an OOMKilled attempt. */
  static final Schema ON_OOM_KILLED = Schema.of("onOOMKilled", List.of("memory"));

  static final Schema ON_OOM_KILLED_MEMORY =
      Schema.of("onOOMKilled.memory", List.of("factor", "max"));

  static final Schema BACKOFF =
      // jitter: a targo extension (ARGO-SEMANTICS "targo extensions").
      Schema.of("backoff", List.of("duration", "factor", "cap", "maxDuration", "jitter"));

  static final Schema RETRY_AFFINITY =
      Schema.of("retryStrategy.affinity", List.of("nodeAntiAffinity"));

  /**
   * Argo allows only {@code {}}; {@code type} (Argo's open PR #16610), {@code topologyKey}, {@code
   * maxExcluded}, {@code expression} and {@code relaxAfter} are targo's extensions.
   */
  static final Schema NODE_ANTI_AFFINITY =
      Schema.of(
          "nodeAntiAffinity",
          List.of("type", "topologyKey", "maxExcluded", "expression", "relaxAfter"));

  static final Schema POD_METADATA = Schema.of("metadata", List.of("labels", "annotations"));

  static final Schema CONTAINER = container("container", List.of("readinessProbe"));

  static final Schema SCRIPT = container("script", List.of("source", "readinessProbe"));

  /** Argo's {@code ContainerSetTemplate}. */
  static final Schema CONTAINER_SET =
      Schema.of("containerSet", List.of("containers", "volumeMounts", "retryStrategy"));

  /** A container of a {@code containerSet} (Argo's {@code ContainerNode}). */
  static final Schema CONTAINER_NODE = container("a container", List.of("dependencies"));

  /** Argo's {@code ContainerSetRetryStrategy}. */
  static final Schema CONTAINER_SET_RETRY =
      Schema.of("containerSet.retryStrategy", List.of("retries", "duration"));

  /**
   * An entry of a template's {@code initContainers} or {@code sidecars} (Argo's {@code
   * UserContainer}): a container and Argo's mirror flag.
   */
  static final Schema USER_CONTAINER = container("a container", List.of("mirrorVolumeMounts"));

  private static Schema container(String what, List<String> extra) {
    List<String> supported =
        new java.util.ArrayList<>(
            List.of(
                "name",
                "image",
                "command",
                "args",
                "env",
                "workingDir",
                "resources",
                "volumeMounts",
                "securityContext",
                "imagePullPolicy"));
    supported.addAll(extra);
    return Schema.of(
        what,
        supported,
        java.util.stream.Stream.of(
                "ports",
                "envFrom",
                "resizePolicy",
                "restartPolicy",
                "restartPolicyRules",
                "volumeDevices",
                "livenessProbe",
                "readinessProbe",
                "startupProbe",
                "lifecycle",
                "terminationMessagePath",
                "terminationMessagePolicy",
                "stdin",
                "stdinOnce",
                "tty")
            .filter(field -> !extra.contains(field))
            .toList());
  }

  /** A Kubernetes {@code Probe} ({@code readinessProbe} of a daemon's container). */
  static final Schema PROBE =
      Schema.of(
          "readinessProbe",
          List.of(
              "exec",
              "httpGet",
              "tcpSocket",
              "grpc",
              "initialDelaySeconds",
              "timeoutSeconds",
              "periodSeconds",
              "successThreshold",
              "failureThreshold",
              "terminationGracePeriodSeconds"));

  static final Schema ENV_VAR = Schema.of("an env entry", List.of("name", "value", "valueFrom"));

  static final Schema ENV_VALUE_FROM =
      Schema.of(
          "valueFrom",
          List.of("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef"));

  static final Schema RESOURCES = Schema.of("resources", List.of("limits", "requests", "claims"));

  static final Schema VOLUME_MOUNT =
      Schema.of(
          "a volume mount",
          List.of(
              "name",
              "mountPath",
              "subPath",
              "subPathExpr",
              "readOnly",
              "recursiveReadOnly",
              "mountPropagation"));

  static final Schema SECURITY_CONTEXT =
      Schema.of(
          "securityContext",
          List.of(
              "allowPrivilegeEscalation",
              "appArmorProfile",
              "capabilities",
              "privileged",
              "procMount",
              "readOnlyRootFilesystem",
              "runAsGroup",
              "runAsNonRoot",
              "runAsUser",
              "seLinuxOptions",
              "seccompProfile",
              "windowsOptions"));

  static final Schema TOLERATION =
      Schema.of("a toleration", List.of("key", "operator", "value", "effect", "tolerationSeconds"));

  static final Schema AFFINITY =
      Schema.of("affinity", List.of("nodeAffinity", "podAffinity", "podAntiAffinity"));

  static final Schema NODE_AFFINITY =
      Schema.of(
          "nodeAffinity",
          List.of(
              "requiredDuringSchedulingIgnoredDuringExecution",
              "preferredDuringSchedulingIgnoredDuringExecution"));

  static final Schema POD_AFFINITY =
      Schema.of(
          "pod affinity",
          List.of(
              "requiredDuringSchedulingIgnoredDuringExecution",
              "preferredDuringSchedulingIgnoredDuringExecution"));

  static final Schema NODE_SELECTOR = Schema.of("a node selector", List.of("nodeSelectorTerms"));

  static final Schema NODE_SELECTOR_TERM =
      Schema.of("a node selector term", List.of("matchExpressions", "matchFields"));

  static final Schema REQUIREMENT =
      Schema.of("a node selector requirement", List.of("key", "operator", "values"));
}
