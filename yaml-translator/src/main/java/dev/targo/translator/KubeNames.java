package dev.targo.translator;

import java.util.regex.Pattern;

/**
 * The Kubernetes and Argo name rules targo checks before submitting: what the API server or Argo's
 * validation would reject. Each check returns a problem message, or null when the name is valid.
 */
public final class KubeNames {
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-zA-Z0-9][-a-zA-Z0-9]*");
  private static final Pattern PARAMETER_NAME = Pattern.compile("[-a-zA-Z0-9_]+");

  /** Argo limits workflow names to 63 characters: they become label values. */
  static final int MAX_WORKFLOW_NAME = 63;

  private static final String SUBDOMAIN_RULE =
      "a lowercase RFC 1123 subdomain must consist of lowercase alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character";

  private KubeNames() {}

  /**
   * Argo's and Kubernetes' rule for {@code metadata.name} (and {@code submit --name}): the problem,
   * or null when {@code name} is valid. No {@code /}: a workflow's id would otherwise collide with
   * the child workflow ids {@code <workflow>/<node>}.
   */
  public static String workflowName(String name) {
    if (name.length() > MAX_WORKFLOW_NAME) {
      return "workflow name \""
          + name
          + "\" must not be more than 63 characters long (currently "
          + name.length()
          + ")";
    }
    return DNS_SUBDOMAIN.matcher(name).matches()
        ? null
        : "`" + name + "` is not a valid workflow name: " + SUBDOMAIN_RULE;
  }

  /**
   * Kubernetes checks a {@code generateName} (and {@code submit --generate-name}) as a name whose
   * trailing dash is allowed: the problem, or null when {@code prefix} is valid.
   */
  public static String generateName(String prefix) {
    String masked = prefix.endsWith("-") ? prefix.substring(0, prefix.length() - 1) + "a" : prefix;
    return DNS_SUBDOMAIN.matcher(masked).matches()
        ? null
        : "`" + prefix + "` is not a valid generateName: " + SUBDOMAIN_RULE;
  }

  /**
   * A ConfigMap's name (a memoization cache's {@code cache.configMap.name}): a DNS subdomain of at
   * most 253 characters, as the API server requires of the ConfigMap Argo would create.
   */
  static String configMapName(String name) {
    return name.length() <= 253 && DNS_SUBDOMAIN.matcher(name).matches()
        ? null
        : "`" + name + "` is not a valid ConfigMap name: " + SUBDOMAIN_RULE;
  }

  static String namespace(String namespace) {
    return namespace.length() <= 63 && DNS_LABEL.matcher(namespace).matches()
        ? null
        : "`"
            + namespace
            + "` is not a valid namespace: a lowercase RFC 1123 label must consist of lowercase"
            + " alphanumeric characters or '-', start and end with an alphanumeric character, and"
            + " be at most 63 characters long";
  }

  /** Label and annotation keys: an optional DNS subdomain prefix and a name of 63 characters. */
  static String key(String key) {
    int slash = key.lastIndexOf('/');
    String prefix = slash < 0 ? null : key.substring(0, slash);
    String name = key.substring(slash + 1);
    boolean prefixOk =
        prefix == null || (prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches());
    boolean nameOk = name.length() <= 63 && QUALIFIED_NAME.matcher(name).matches();
    return prefixOk && nameOk
        ? null
        : "`"
            + key
            + "` is not a valid key: a name of at most 63 alphanumeric characters, '-', '_' or"
            + " '.' that starts and ends with an alphanumeric character, with an optional DNS"
            + " subdomain prefix and '/'";
  }

  static String labelValue(String value) {
    return value.isEmpty() || (value.length() <= 63 && QUALIFIED_NAME.matcher(value).matches())
        ? null
        : "`"
            + value
            + "` is not a valid label value: at most 63 alphanumeric characters, '-', '_' or '.'"
            + " that start and end with an alphanumeric character";
  }

  /** Argo's rule for template names. */
  static String templateName(String name) {
    if (name.length() > 128) {
      return "template name `" + name + "` must be no more than 128 characters";
    }
    return TEMPLATE_NAME.matcher(name).matches()
        ? null
        : "template name `"
            + name
            + "` is invalid: name must consist of alpha-numeric characters or '-', and must start"
            + " with an alpha-numeric character (e.g. My-name1-2, 123-NAME)";
  }

  /**
   * A container's name in a {@code containerSet}: Argo's rule for field names, then Kubernetes' for
   * container names (a DNS label: the pod would be refused).
   */
  static String containerName(String name) {
    if (name.length() > 128) {
      return "container name `" + name + "` must be no more than 128 characters";
    }
    if (!TEMPLATE_NAME.matcher(name).matches()) {
      return "container name `"
          + name
          + "` is invalid: name must consist of alpha-numeric characters or '-', and must start"
          + " with an alpha-numeric character (e.g. My-name1-2, 123-NAME)";
    }
    return name.length() <= 63 && DNS_LABEL.matcher(name).matches()
        ? null
        : "container name `"
            + name
            + "` is not a valid Kubernetes container name: a lowercase RFC 1123 label must consist"
            + " of lowercase alphanumeric characters or '-', start and end with an alphanumeric"
            + " character, and be at most 63 characters long";
  }

  /** Argo's rule for parameter names. */
  static String parameterName(String name) {
    return PARAMETER_NAME.matcher(name).matches()
        ? null
        : "parameter name `"
            + name
            + "` is invalid: Parameter/Artifact name must consist of alpha-numeric characters, '_'"
            + " or '-' e.g. my_param_1, MY-PARAM-1";
  }
}
