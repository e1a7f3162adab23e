package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.function.UnaryOperator;

/**
 * One Argo {@code Artifact}: an entry of {@code inputs.artifacts}, {@code outputs.artifacts} or
 * {@code arguments.artifacts}, and (with its location filled in) an output artifact in a node's
 * status. String fields may hold {@code {{…}}}; they are substituted per attempt.
 *
 * @param name {@code name}
 * @param path {@code path}: where the artifact is placed (inputs) or read from (outputs) in the
 *     main container, or null (arguments)
 * @param mode {@code mode}: the file mode of an input once placed, or null
 * @param from {@code from}: a {@code {{steps.X.outputs.artifacts.Y}}} text, or once substituted the
 *     artifact it named ({@link Artifacts#reference}), or null
 * @param optional {@code optional}: a missing input or output is no error, or null (false)
 * @param archive {@code archive}: {@code tar} (null, Argo's default, tar and gzip), {@code none} or
 *     {@code zip}
 * @param raw {@code raw.data}, or null
 * @param s3 {@code s3}, or null
 * @param compressionLevel {@code archive.tar.compressionLevel} (gzip's 0 to 9; -1 the default), or
 *     null
 * @param fromExpression {@code fromExpression} (outputs of steps and dag templates): an expr-lang
 *     expression over the template's scope whose value is a child's artifact, or null
 * @param http {@code http} (inputs only), or null
 * @param git {@code git} (inputs only), or null
 * @param subPath {@code subPath}: the file or folder inside the located artifact that is placed at
 *     {@code path}, or null
 * @param globalName {@code globalName} (outputs): the name under which the workflow exports the
 *     artifact once its node has ended ({@code {{workflow.outputs.artifacts.<globalName>}}}, {@code
 *     status.outputs.artifacts}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Artifact(
    String name,
    String path,
    Integer mode,
    String from,
    Boolean optional,
    String archive,
    String raw,
    S3 s3,
    Integer compressionLevel,
    String fromExpression,
    Http http,
    Git git,
    String subPath,
    String globalName) {

  /** An artifact that is not exported. */
  public Artifact(
      String name,
      String path,
      Integer mode,
      String from,
      Boolean optional,
      String archive,
      String raw,
      S3 s3,
      Integer compressionLevel,
      String fromExpression,
      Http http,
      Git git,
      String subPath) {
    this(
        name,
        path,
        mode,
        from,
        optional,
        archive,
        raw,
        s3,
        compressionLevel,
        fromExpression,
        http,
        git,
        subPath,
        null);
  }

  /** Argo's {@code archive.none}. */
  public static final String ARCHIVE_NONE = "none";

  /** Argo's {@code archive.zip}. */
  public static final String ARCHIVE_ZIP = "zip";

  /** Argo's {@code archive.tar} (tar and gzip), the default. */
  public static final String ARCHIVE_TAR = "tar";

  /**
   * Argo's {@code S3Artifact}: a key in a bucket, each field unset taking the artifact
   * repository's. Credentials are named, never held: {@code accessKeySecret} and {@code
   * secretKeySecret} are Kubernetes secret references that the worker resolves.
   *
   * @param endpoint {@code endpoint} ({@code host:port}), or null
   * @param bucket {@code bucket}, or null
   * @param region {@code region}, or null
   * @param insecure {@code insecure}: plain HTTP, or null
   * @param key {@code key}, or null
   * @param accessKeySecret {@code accessKeySecret}, or null
   * @param secretKeySecret {@code secretKeySecret}, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record S3(
      String endpoint,
      String bucket,
      String region,
      Boolean insecure,
      String key,
      SecretRef accessKeySecret,
      SecretRef secretKeySecret) {

    /** Only a key, in the default repository. */
    public static S3 ofKey(String key) {
      return new S3(null, null, null, null, key, null, null);
    }

    public S3 withKey(String next) {
      return new S3(endpoint, bucket, region, insecure, next, accessKeySecret, secretKeySecret);
    }

    S3 substituted(UnaryOperator<String> s) {
      return new S3(
          s.apply(endpoint),
          s.apply(bucket),
          s.apply(region),
          insecure,
          s.apply(key),
          accessKeySecret,
          secretKeySecret);
    }
  }

  /**
   * A Kubernetes {@code SecretKeySelector}.
   *
   * @param name the secret
   * @param key the key in it
   */
  public record SecretRef(String name, String key) {}

  /**
   * Argo's {@code HTTPArtifact}: a file downloaded with GET.
   *
   * @param url {@code url}
   * @param headers {@code headers}, in order
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Http(String url, java.util.List<Header> headers) {
    public Http {
      headers = headers == null ? java.util.List.of() : java.util.List.copyOf(headers);
    }

    Http substituted(UnaryOperator<String> s) {
      return new Http(
          s.apply(url),
          headers.stream().map(h -> new Header(h.name(), s.apply(h.value()))).toList());
    }
  }

  /**
   * An HTTP header of {@link Http}.
   *
   * @param name {@code name}
   * @param value {@code value}
   */
  public record Header(String name, String value) {}

  /**
   * Argo's {@code GitArtifact}: a repository cloned at a revision.
   *
   * @param repo {@code repo}: a URL git clones ({@code https://…}, {@code file://…})
   * @param revision {@code revision}: a commit, tag or branch checked out, or null
   * @param depth {@code depth}: a shallow clone's depth, or null
   * @param branch {@code branch} (with {@code singleBranch}), or null
   * @param singleBranch {@code singleBranch}, or null
   * @param disableSubmodules {@code disableSubmodules}, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Git(
      String repo,
      String revision,
      Integer depth,
      String branch,
      Boolean singleBranch,
      Boolean disableSubmodules) {
    Git substituted(UnaryOperator<String> s) {
      return new Git(
          s.apply(repo),
          s.apply(revision),
          depth,
          s.apply(branch),
          singleBranch,
          disableSubmodules);
    }
  }

  /** Whether a missing artifact is no error. */
  @JsonIgnore
  public boolean mayBeMissing() {
    return Boolean.TRUE.equals(optional);
  }

  /** Argo's {@code HasLocationOrKey}: it says where its bytes are. */
  @JsonIgnore
  public boolean hasLocation() {
    return raw != null
        || http != null
        || git != null
        || (s3 != null && s3.key() != null && !s3.key().isEmpty());
  }

  /** The archive strategy: {@code tar}, {@code none} or {@code zip}. */
  @JsonIgnore
  public String archiveOrDefault() {
    return archive == null ? ARCHIVE_TAR : archive;
  }

  /** This artifact (its name, path and mode) loaded from {@code source}'s location. */
  public Artifact locatedAt(Artifact source) {
    return new Artifact(
        name,
        path,
        mode,
        null,
        optional,
        archive,
        source.raw,
        source.s3,
        compressionLevel,
        null,
        source.http,
        source.git,
        source.subPath != null ? source.subPath : subPath,
        globalName);
  }

  /** This artifact stored under {@code location}. */
  public Artifact withS3(S3 location) {
    return new Artifact(
        name,
        path,
        mode,
        from,
        optional,
        archive,
        raw,
        location,
        compressionLevel,
        fromExpression,
        http,
        git,
        subPath,
        globalName);
  }

  /** Every string field substituted with {@code s}. */
  public Artifact substituted(UnaryOperator<String> s) {
    return new Artifact(
        name,
        s.apply(path),
        mode,
        s.apply(from),
        optional,
        archive,
        s.apply(raw),
        s3 == null ? null : s3.substituted(s),
        compressionLevel,
        fromExpression,
        http == null ? null : http.substituted(s),
        git == null ? null : git.substituted(s),
        s.apply(subPath),
        globalName);
  }

  /**
   * Only the location: name, {@code raw}, {@code s3}, {@code http} or {@code git}, and the {@code
   * subPath} inside it.
   */
  public Artifact location() {
    return new Artifact(
        name, null, null, null, null, null, raw, s3, null, null, http, git, subPath);
  }

  /** The same location, narrowed to {@code sub} inside it when {@code sub} is set. */
  public Artifact withSubPath(String sub) {
    if (sub == null || sub.isEmpty()) {
      return this;
    }
    String joined = subPath == null || subPath.isEmpty() ? sub : subPath + "/" + sub;
    return new Artifact(
        name,
        path,
        mode,
        from,
        optional,
        archive,
        raw,
        s3,
        compressionLevel,
        fromExpression,
        http,
        git,
        joined,
        globalName);
  }

  /**
   * The artifact as the workflow exports it under {@code exportedName} (Argo's {@code
   * addArtifactToGlobalScope}): named so, its location kept, nothing else.
   */
  public Artifact exportedAs(String exportedName) {
    return new Artifact(
        exportedName, null, null, null, null, null, raw, s3, null, null, http, git, subPath, null);
  }
}
