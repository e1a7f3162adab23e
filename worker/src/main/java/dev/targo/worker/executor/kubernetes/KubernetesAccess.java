package dev.targo.worker.executor.kubernetes;

import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the executor's Kubernetes identity may do what the executor does in a namespace, asked of
 * the API server itself (SelfSubjectAccessReview, which every authenticated user may create): a
 * worker without those rights says so once at start, instead of failing every attempt later. The
 * rights are those deploy/rbac.yaml grants.
 */
public final class KubernetesAccess {
  private KubernetesAccess() {}

  /** One right: a verb on a resource (with its subresource, if any). */
  public record Right(String verb, String resource, String subresource) {
    @Override
    public String toString() {
      return verb + " " + resource + (subresource == null ? "" : "/" + subresource);
    }
  }

  /**
   * What the executor does with pods: create-or-adopt (create, get), the shared informer (list,
   * watch), the abandoned-attempt mark (patch), cleanup (delete), and the log tail.
   */
  public static final List<Right> NEEDED =
      List.of(
          new Right("create", "pods", null),
          new Right("get", "pods", null),
          new Right("list", "pods", null),
          new Right("watch", "pods", null),
          new Right("patch", "pods", null),
          new Right("delete", "pods", null),
          new Right("get", "pods", "log"));

  /** The {@link #NEEDED} rights the client's identity lacks in {@code namespace}, in order. */
  public static List<Right> missing(KubernetesClient client, String namespace) {
    List<Right> missing = new ArrayList<>();
    for (Right right : NEEDED) {
      SelfSubjectAccessReview review =
          new SelfSubjectAccessReviewBuilder()
              .withNewSpec()
              .withNewResourceAttributes()
              .withNamespace(namespace)
              .withVerb(right.verb())
              .withResource(right.resource())
              .withSubresource(right.subresource())
              .endResourceAttributes()
              .endSpec()
              .build();
      SelfSubjectAccessReview answer =
          client.authorization().v1().selfSubjectAccessReview().create(review);
      if (answer.getStatus() == null || !Boolean.TRUE.equals(answer.getStatus().getAllowed())) {
        missing.add(right);
      }
    }
    return missing;
  }

  /** The user name the API server knows the client as, or null when it will not say. */
  public static String userName(KubernetesClient client) {
    try {
      SelfSubjectReview review =
          client.authentication().v1().selfSubjectReviews().create(new SelfSubjectReview());
      return review.getStatus() == null || review.getStatus().getUserInfo() == null
          ? null
          : review.getStatus().getUserInfo().getUsername();
    } catch (KubernetesClientException e) {
      return null;
    }
  }
}
