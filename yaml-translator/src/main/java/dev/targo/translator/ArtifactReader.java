package dev.targo.translator;

import dev.targo.argo.plan.Artifact;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code inputs.artifacts}, {@code outputs.artifacts} and {@code arguments.artifacts} to plan
 * {@link Artifact}s, checked as Argo's {@code validateArtifactLocation} and {@code validateOutputs}
 * check them (workflow/validate/validate.go): a name, a {@code path} in container and script
 * templates, at most one location ({@code raw}, {@code s3}, {@code from}), one archive strategy.
 * The kinds and fields targo does not run yet ({@code http}, {@code git}, {@code globalName}, …)
 * are reported as unsupported at their position.
 */
final class ArtifactReader {
  /** Where the artifacts are declared. */
  enum Place {
    /** {@code inputs.artifacts} of a container or script template. */
    POD_INPUT,
    /** {@code inputs.artifacts} of a steps or dag template. */
    FLOW_INPUT,
    /** {@code outputs.artifacts} of a container or script template. */
    POD_OUTPUT,
    /** {@code outputs.artifacts} of a steps or dag template. */
    FLOW_OUTPUT,
    /** {@code arguments.artifacts} of a step or task. */
    ARGUMENT,
    /** {@code spec.arguments.artifacts}: the entrypoint's inputs. */
    WORKFLOW_ARGUMENT
  }

  private final Reader reader;
  private final Set<String> foreign = new LinkedHashSet<>();

  ArtifactReader(Reader reader) {
    this.reader = reader;
  }

  /**
   * The names of the artifacts read in a store targo does not read yet ({@code gcs}, …): they were
   * reported as unsupported, and nothing more is said about their location.
   */
  Set<String> foreign() {
    return Set.copyOf(foreign);
  }

  /** The {@code artifacts} list of {@code parent} ({@code inputs}, {@code outputs}, …). */
  List<Artifact> read(Obj parent, Place place) {
    List<Artifact> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    Set<String> names = new LinkedHashSet<>();
    for (Node item : reader.list(parent, "artifacts")) {
      Obj a =
          reader.object(
              item, Pos.of(item.getStartMark()), "each item of `artifacts`", Schemas.ARTIFACT);
      if (a == null) {
        continue;
      }
      Artifact artifact = artifact(a, place, names);
      if (artifact != null) {
        out.add(artifact);
      }
    }
    return out;
  }

  private Artifact artifact(Obj a, Place place, Set<String> names) {
    Str name = reader.text(a, "name");
    if (name == null) {
      if (!a.has("name")) {
        reader.problems().add(a.owner(), Code.MISSING_FIELD, "an artifact needs a `name`");
      }
      return null;
    }
    String invalid = KubeNames.parameterName(name.value());
    if (invalid != null) {
      reader.problems().add(name.pos(), Code.INVALID_VALUE, invalid);
    }
    if (!names.add(name.value())) {
      reader
          .problems()
          .add(
              name.pos(), Code.DUPLICATE_NAME, "artifact `" + name.value() + "` is declared twice");
    }
    Str path = reader.text(a, "path");
    Str from = reader.text(a, "from");
    Str fromExpression = reader.text(a, "fromExpression");
    Boolean optional = reader.bool(a, "optional");
    Integer mode = mode(a);
    Obj archiveObj = reader.object(a, "archive", Schemas.ARCHIVE);
    String archive = archive(archiveObj);
    Integer level = compressionLevel(archiveObj);
    Str raw = raw(a);
    Artifact.S3 s3 = s3(a);
    String shown = "artifact `" + name.value() + "`";
    Artifact.Http http = http(a, place, shown);
    Artifact.Git git = git(a, place, shown);
    Str subPath = reader.text(a, "subPath");
    gc(reader, a);
    boolean elsewhere = OTHER_KINDS.stream().anyMatch(a::has);
    if (elsewhere) {
      // Already reported as unsupported; nothing more to say about its location.
      foreign.add(name.value());
    }
    boolean pod = place == Place.POD_INPUT || place == Place.POD_OUTPUT;
    if (pod && path == null) {
      // validate.go: "templates.%s.inputs.artifacts.%s.path not specified"
      reader.problems().add(a.owner(), Code.MISSING_FIELD, shown + " needs a `path`");
    }
    int locations =
        (raw != null ? 1 : 0)
            + (s3 != null ? 1 : 0)
            + (from != null ? 1 : 0)
            + (http != null ? 1 : 0)
            + (git != null ? 1 : 0)
            + (elsewhere ? 1 : 0);
    if (locations > 1) {
      reader
          .problems()
          .add(
              a.owner(),
              Code.INVALID_VALUE,
              shown + " has more than one of `raw`, `s3`, `http`, `git` and `from`; choose one");
    }
    if (from != null && (place == Place.POD_INPUT || place == Place.POD_OUTPUT)) {
      reader
          .problems()
          .add(
              from.pos(),
              Code.INVALID_VALUE,
              "`from` is for step and task arguments and the outputs of steps and dag templates;"
                  + " "
                  + shown
                  + " of a container or script template names a `path`");
    }
    if (fromExpression != null) {
      expression(fromExpression, place, shown, from != null || locations > 0);
    }
    if (place == Place.FLOW_OUTPUT && from == null && fromExpression == null) {
      // validate.go validateOutputs: "...outputs.artifacts.%s.from not specified"
      reader.problems().add(a.owner(), Code.MISSING_FIELD, shown + " needs a `from`");
    }
    if (place == Place.WORKFLOW_ARGUMENT && from != null) {
      reader
          .problems()
          .add(
              from.pos(),
              Code.INVALID_VALUE,
              "`from` names a step's or task's output; "
                  + shown
                  + " of `spec.arguments` needs `raw` or `s3`");
    }
    if ((place == Place.ARGUMENT || place == Place.WORKFLOW_ARGUMENT) && locations == 0) {
      reader
          .problems()
          .add(
              a.owner(),
              Code.MISSING_FIELD,
              shown + " needs a `from`, `raw`, `s3`, `http` or `git`");
    }
    Str globalName = reader.text(a, "globalName");
    if (globalName != null) {
      globalName(globalName, place, shown);
    }
    boolean output = place == Place.POD_OUTPUT || place == Place.FLOW_OUTPUT;
    return new Artifact(
        name.value(),
        text(path),
        mode,
        text(from),
        optional,
        archive,
        text(raw),
        s3,
        level,
        text(fromExpression),
        http,
        git,
        text(subPath),
        output ? text(globalName) : null);
  }

  /**
   * An output artifact's {@code globalName}: a valid parameter name, as an output parameter's. Argo
   * exports only outputs by it; on an input or argument it means nothing there either, and targo
   * says so.
   */
  private void globalName(Str globalName, Place place, String shown) {
    if (place != Place.POD_OUTPUT && place != Place.FLOW_OUTPUT) {
      reader
          .problems()
          .add(
              globalName.pos(),
              Code.INVALID_VALUE,
              "`globalName` exports an output artifact; "
                  + shown
                  + " is not an output, so it would export nothing");
      return;
    }
    OutputsPlanner.checkGlobalName(reader.problems(), globalName);
  }

  /** Argo's location kinds targo does not read yet: reported by the schema, at their key. */
  private static final java.util.List<String> OTHER_KINDS =
      java.util.List.of("gcs", "hdfs", "oss", "artifactory", "azure", "huggingFace", "plugin");

  private Artifact.Http http(Obj a, Place place, String shown) {
    Obj h = reader.object(a, "http", Schemas.HTTP_ARTIFACT);
    if (h == null) {
      return null;
    }
    outputKind(a, "http", place, shown);
    Str url = reader.text(h, "url");
    if (url == null && !h.has("url")) {
      reader.problems().add(h.owner(), Code.MISSING_FIELD, "`http` needs a `url`");
    }
    java.util.List<Artifact.Header> headers = new ArrayList<>();
    for (Node item : reader.list(h, "headers")) {
      Obj header =
          reader.object(item, Pos.of(item.getStartMark()), "each header", Schemas.HTTP_HEADER);
      if (header != null) {
        headers.add(
            new Artifact.Header(
                text(reader.text(header, "name")), text(reader.text(header, "value"))));
      }
    }
    return new Artifact.Http(text(url), headers);
  }

  private Artifact.Git git(Obj a, Place place, String shown) {
    Obj g = reader.object(a, "git", Schemas.GIT_ARTIFACT);
    if (g == null) {
      return null;
    }
    outputKind(a, "git", place, shown);
    Str repo = reader.text(g, "repo");
    if (repo == null && !g.has("repo")) {
      reader.problems().add(g.owner(), Code.MISSING_FIELD, "`git` needs a `repo`");
    }
    Str depth = reader.scalar(g, "depth", false);
    Integer d = null;
    if (depth != null) {
      try {
        d = Integer.parseInt(depth.value());
      } catch (NumberFormatException e) {
        reader.problems().add(depth.pos(), Code.INVALID_VALUE, "`depth` must be a whole number");
      }
    }
    return new Artifact.Git(
        text(repo),
        text(reader.text(g, "revision")),
        d,
        text(reader.text(g, "branch")),
        reader.bool(g, "singleBranch"),
        reader.bool(g, "disableSubmodules"));
  }

  /** {@code http} and {@code git} are read by targo, not written. */
  private void outputKind(Obj a, String kind, Place place, String shown) {
    if (place == Place.POD_OUTPUT || place == Place.FLOW_OUTPUT) {
      reader
          .problems()
          .add(
              a.keyPos(kind),
              Code.UNSUPPORTED,
              "`"
                  + kind
                  + "` output artifacts are valid Argo but not supported by targo yet ("
                  + shown
                  + "); outputs go to the artifact repository or an `s3` location");
    }
  }

  /**
   * {@code artifactGC} of the workflow or of an artifact: targo deletes no artifact, which is
   * Argo's {@code Never} (and its default, the empty strategy); the strategies that delete are
   * reported as unsupported at their value.
   */
  static void gc(Reader reader, Obj parent) {
    Obj gc = reader.object(parent, "artifactGC", Schemas.ARTIFACT_GC);
    Str strategy = gc == null ? null : reader.text(gc, "strategy");
    if (strategy == null) {
      return;
    }
    switch (strategy.value()) {
      case "", "Never" -> {}
      case "OnWorkflowCompletion", "OnWorkflowDeletion" ->
          reader
              .problems()
              .add(
                  strategy.pos(),
                  Code.UNSUPPORTED,
                  "`artifactGC` strategy `"
                      + strategy.value()
                      + "` is valid Argo but not supported by targo yet: targo deletes no"
                      + " artifact (strategy `Never`)");
      default ->
          reader
              .problems()
              .add(
                  strategy.pos(),
                  Code.INVALID_VALUE,
                  "`artifactGC.strategy` must be `OnWorkflowCompletion`, `OnWorkflowDeletion` or"
                      + " `Never`, not `"
                      + strategy.value()
                      + "`");
    }
  }

  /** Argo's rule: {@code fromExpression} is for the outputs of steps and dag templates, alone. */
  private void expression(Str e, Place place, String shown, boolean other) {
    if (place != Place.FLOW_OUTPUT) {
      reader
          .problems()
          .add(
              e.pos(),
              Code.INVALID_VALUE,
              "`fromExpression` is for the outputs of steps and dag templates");
    } else if (other) {
      reader
          .problems()
          .add(e.pos(), Code.INVALID_VALUE, shown + " has both `from` and `fromExpression`");
    } else {
      try {
        dev.targo.argo.expr.Expr.parse(e.value());
      } catch (dev.targo.argo.expr.ExprException problem) {
        reader
            .problems()
            .add(
                e.pos(),
                Code.INVALID_VALUE,
                "`fromExpression` of "
                    + shown
                    + " is not a valid expression: "
                    + problem.getMessage());
      }
    }
  }

  private Integer mode(Obj a) {
    Str mode = reader.scalar(a, "mode", false);
    if (mode == null) {
      return null;
    }
    try {
      int m = Integer.parseInt(mode.value());
      if (m >= 0 && m <= 07777) {
        return m;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    reader
        .problems()
        .add(
            mode.pos(),
            Code.INVALID_VALUE,
            "`mode` must be a file mode (an integer from 0 to 4095, such as 0755), not `"
                + mode.value()
                + "`");
    return null;
  }

  /** Argo's {@code ArchiveStrategy}: one of {@code tar}, {@code none}, {@code zip}. */
  private String archive(Obj archive) {
    if (archive == null) {
      return null;
    }
    List<String> kinds =
        List.of(Artifact.ARCHIVE_TAR, Artifact.ARCHIVE_NONE, Artifact.ARCHIVE_ZIP).stream()
            .filter(archive::has)
            .toList();
    if (kinds.size() != 1) {
      reader
          .problems()
          .add(
              archive.owner(),
              Code.INVALID_VALUE,
              "`archive` needs exactly one of `tar`, `none` and `zip`");
      return null;
    }
    if (!kinds.get(0).equals(Artifact.ARCHIVE_TAR)) {
      reader.object(archive, kinds.get(0), Schemas.EMPTY);
    }
    return kinds.get(0).equals(Artifact.ARCHIVE_TAR) ? null : kinds.get(0);
  }

  /** {@code archive.tar.compressionLevel}: gzip's levels, -1 to 9. */
  private Integer compressionLevel(Obj archive) {
    if (archive == null || !archive.has(Artifact.ARCHIVE_TAR)) {
      return null;
    }
    Obj tar = reader.object(archive, Artifact.ARCHIVE_TAR, Schemas.ARCHIVE_TAR);
    Str level = tar == null ? null : reader.scalar(tar, "compressionLevel", false);
    if (level == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(level.value());
      if (n >= -1 && n <= 9) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    reader
        .problems()
        .add(
            level.pos(),
            Code.INVALID_VALUE,
            "`compressionLevel` must be a gzip level from -1 to 9, not `" + level.value() + "`");
    return null;
  }

  private Str raw(Obj a) {
    Obj raw = reader.object(a, "raw", Schemas.RAW_ARTIFACT);
    if (raw == null) {
      return null;
    }
    Str data = reader.text(raw, "data");
    if (data == null && !raw.has("data")) {
      reader.problems().add(raw.owner(), Code.MISSING_FIELD, "`raw` needs `data`");
    }
    return data;
  }

  private Artifact.S3 s3(Obj a) {
    Obj s3 = reader.object(a, "s3", Schemas.S3_ARTIFACT);
    if (s3 == null) {
      return null;
    }
    return new Artifact.S3(
        text(reader.text(s3, "endpoint")),
        text(reader.text(s3, "bucket")),
        text(reader.text(s3, "region")),
        reader.bool(s3, "insecure"),
        text(reader.text(s3, "key")),
        secret(s3, "accessKeySecret"),
        secret(s3, "secretKeySecret"));
  }

  private Artifact.SecretRef secret(Obj parent, String key) {
    Obj ref = reader.object(parent, key, Schemas.SECRET_KEY_REF);
    if (ref == null) {
      return null;
    }
    return new Artifact.SecretRef(text(reader.text(ref, "name")), text(reader.text(ref, "key")));
  }

  private static String text(Str s) {
    return s == null ? null : s.value();
  }
}
