package dev.targo.translator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Resolves a document's {@code workflowTemplateRef} and {@code templateRef}s into one
 * self-contained spec, as Argo's controller does before it runs a workflow.
 *
 * <ul>
 *   <li>{@code spec.workflowTemplateRef}: the template's spec joined under the workflow's, Argo's
 *       {@code util.JoinWorkflowSpec} ({@code workflow/util/merge.go}): the workflow's fields win,
 *       mappings merge field by field, the lists Argo merges by key ({@code templates}, {@code
 *       arguments.parameters}/{@code artifacts} and {@code volumes} by name, ...) merge item by
 *       item, and an argument parameter of the workflow that has a value replaces the template's
 *       whole.
 *   <li>A step's or task's {@code templateRef}: the referenced template is copied into the spec
 *       under a free name and the call names it. Inside a copied template, {@code template: x}
 *       means the template {@code x} of the same WorkflowTemplate, as Argo's {@code
 *       templateresolution.Context.WithTemplateHolder} resolves it, and is copied too.
 * </ul>
 *
 * <p>Copied nodes carry the position of the reference that brought them, so a problem inside a
 * template is reported where this document refers to it (the template's own file is linted on its
 * own). The document's tree is never changed: the result is a copy.
 */
final class TemplateRefs {
  /** Lists Argo merges item by item (their {@code patchMergeKey}), by path below {@code spec}. */
  private static final Map<String, String> MERGE_KEYS =
      Map.of(
          "templates", "name",
          "arguments.parameters", "name",
          "arguments.artifacts", "name",
          "volumes", "name",
          "tolerations", "key",
          "imagePullSecrets", "name",
          "hostAliases", "ip");

  /**
   * The resolved document.
   *
   * @param root the document with every reference resolved (a copy)
   * @param stored what the workflow ran from its templates, in Argo's {@code status} fields ({@code
   *     storedTemplates}, {@code storedWorkflowTemplateSpec}), or null when it refers to none
   * @param complete false when a reference could not be resolved (problems added)
   */
  record Resolved(Node root, ObjectNode stored, boolean complete) {}

  private record Holder(boolean cluster, String name) {}

  private final TemplateLookup lookup;
  private final String namespace;
  private final Problems problems;
  private final Map<String, String> localNames = new LinkedHashMap<>();
  private final Set<String> used = new HashSet<>();
  private final List<Node> added = new ArrayList<>();
  private final ObjectNode storedTemplates = JsonNodeFactory.instance.objectNode();
  private boolean complete = true;

  private TemplateRefs(TemplateLookup lookup, String namespace, Problems problems) {
    this.lookup = lookup;
    this.namespace = namespace;
    this.problems = problems;
  }

  /** Resolves {@code document}; templates are looked up in its namespace (else {@code default}). */
  static Resolved resolve(Document document, TemplateLookup lookup, Problems problems) {
    String namespace = document.namespace() != null ? document.namespace() : "default";
    return new TemplateRefs(lookup, namespace, problems).resolve(copy(document.root(), null));
  }

  private Resolved resolve(Node root) {
    if (!(root instanceof MappingNode rootMap)
        || !(Document.value(rootMap, "spec") instanceof MappingNode spec)) {
      return new Resolved(root, null, true);
    }
    boolean joined = false;
    NodeTuple ref = tuple(spec, "workflowTemplateRef");
    if (ref != null) {
      MappingNode template = workflowTemplateSpec(ref);
      spec.getValue().remove(ref);
      if (template != null) {
        spec = merge(template, spec, "");
        put(rootMap, "spec", spec);
        joined = true;
      }
    }
    if (Document.value(spec, "templates") instanceof SequenceNode templates) {
      for (Node t : templates.getValue()) {
        if (Document.value(t, "name") instanceof ScalarNode name) {
          used.add(name.getValue());
        }
      }
      for (Node t : templates.getValue()) {
        if (t instanceof MappingNode template) {
          rewriteCalls(template, null, null);
        }
      }
      templates.getValue().addAll(added);
    }
    ObjectNode stored = null;
    if (!storedTemplates.isEmpty() || joined) {
      stored = JsonNodeFactory.instance.objectNode();
      if (!storedTemplates.isEmpty()) {
        stored.set("storedTemplates", storedTemplates);
      }
      if (joined) {
        stored.set("storedWorkflowTemplateSpec", JsonTrees.of(spec, s -> {}));
      }
    }
    return new Resolved(rootMap, stored, complete);
  }

  /** The referenced template's spec, copied to the reference's position; null when not found. */
  private MappingNode workflowTemplateSpec(NodeTuple ref) {
    Mark at = ref.getKeyNode().getStartMark();
    if (!(ref.getValueNode() instanceof MappingNode value)) {
      fail(at, Code.WRONG_TYPE, "`workflowTemplateRef` must be a mapping with a `name`");
      return null;
    }
    String name = string(value, "name");
    if (name == null || name.isEmpty()) {
      fail(at, Code.MISSING_FIELD, "`workflowTemplateRef.name` is required");
      return null;
    }
    boolean cluster = bool(value, "clusterScope");
    Document found = lookup.find(cluster, namespace, name);
    if (found == null) {
      notFound(at, cluster, name);
      return null;
    }
    if (Document.value(found.root(), "spec") instanceof MappingNode spec) {
      return (MappingNode) copy(spec, at);
    }
    fail(at, Code.INVALID_VALUE, kind(cluster) + " `" + name + "` has no `spec`");
    return null;
  }

  /** Rewrites the steps and tasks of {@code template} to call copied templates by name. */
  private void rewriteCalls(MappingNode template, Holder holder, Mark at) {
    if (Document.value(template, "steps") instanceof SequenceNode groups) {
      for (Node group : groups.getValue()) {
        if (group instanceof SequenceNode steps) {
          for (Node step : steps.getValue()) {
            if (step instanceof MappingNode call) {
              rewriteCall(call, holder, at);
            }
          }
        }
      }
    }
    if (Document.value(template, "dag") instanceof MappingNode dag
        && Document.value(dag, "tasks") instanceof SequenceNode tasks) {
      for (Node task : tasks.getValue()) {
        if (task instanceof MappingNode call) {
          rewriteCall(call, holder, at);
        }
      }
    }
  }

  private void rewriteCall(MappingNode call, Holder holder, Mark at) {
    NodeTuple ref = tuple(call, "templateRef");
    NodeTuple inline = tuple(call, "inline");
    if (inline != null) {
      rewriteInline(call, inline, ref, holder, at);
    } else if (ref != null) {
      Mark where = at != null ? at : ref.getKeyNode().getStartMark();
      if (tuple(call, "template") != null) {
        fail(
            where,
            Code.INVALID_VALUE,
            "a step or task takes `template` or `templateRef`, not both");
        return;
      }
      if (!(ref.getValueNode() instanceof MappingNode value)) {
        fail(where, Code.WRONG_TYPE, "`templateRef` must be a mapping with `name` and `template`");
        return;
      }
      String name = string(value, "name");
      String template = string(value, "template");
      if (name == null || name.isEmpty() || template == null || template.isEmpty()) {
        fail(where, Code.MISSING_FIELD, "`templateRef` needs a `name` and a `template`");
        return;
      }
      String local = inline(bool(value, "clusterScope"), name, template, where);
      if (local != null) {
        int i = call.getValue().indexOf(ref);
        call.getValue()
            .set(
                i,
                new NodeTuple(
                    scalar("template", ref.getKeyNode().getStartMark()), scalar(local, where)));
      }
    } else if (holder != null
        && tuple(call, "template") instanceof NodeTuple named
        && named.getValueNode() instanceof ScalarNode name) {
      String local = inline(holder.cluster(), holder.name(), name.getValue(), at);
      if (local != null) {
        int i = call.getValue().indexOf(named);
        call.getValue().set(i, new NodeTuple(named.getKeyNode(), scalar(local, at)));
      }
    }
  }

  /**
   * A step's or task's {@code inline} template, Argo's {@code Template} written in place of a
   * {@code template} name: copied into the spec under a free name derived from the step's, and
   * called by that name. Its own calls are resolved where it was written (a WorkflowTemplate's
   * inline template calls that WorkflowTemplate's templates), as {@code templateresolution.Context}
   * does.
   */
  private void rewriteInline(
      MappingNode call, NodeTuple inline, NodeTuple ref, Holder holder, Mark at) {
    Mark where = at != null ? at : inline.getKeyNode().getStartMark();
    if (ref != null || tuple(call, "template") != null) {
      fail(
          where,
          Code.INVALID_VALUE,
          "a step or task takes one of `template`, `templateRef` or `inline`");
      return;
    }
    if (!(inline.getValueNode() instanceof MappingNode value)) {
      fail(where, Code.WRONG_TYPE, "`inline` must be a template (a mapping)");
      return;
    }
    String step = string(call, "name");
    String local = freeName(step == null || step.isEmpty() ? "inline" : step);
    MappingNode copy = (MappingNode) copy(value, at);
    NodeTuple named = tuple(copy, "name");
    NodeTuple name = new NodeTuple(scalar("name", where), scalar(local, where));
    if (named != null) {
      copy.getValue().set(copy.getValue().indexOf(named), name);
    } else {
      copy.getValue().add(0, name);
    }
    added.add(copy);
    rewriteCalls(copy, holder, at);
    call.getValue()
        .set(
            call.getValue().indexOf(inline),
            new NodeTuple(
                scalar("template", inline.getKeyNode().getStartMark()), scalar(local, where)));
  }

  /**
   * The name under which template {@code template} of {@code name} is in the resolved spec, copying
   * it there on first use; null when it does not exist (problem added).
   */
  private String inline(boolean cluster, String name, String template, Mark at) {
    String key = (cluster ? "cluster/" : "namespaced/") + name + "/" + template;
    String known = localNames.get(key);
    if (known != null) {
      return known;
    }
    Document found = lookup.find(cluster, namespace, name);
    if (found == null) {
      notFound(at, cluster, name);
      return null;
    }
    MappingNode source = null;
    List<String> names = new ArrayList<>();
    if (Document.value(found.root(), "spec") instanceof MappingNode spec
        && Document.value(spec, "templates") instanceof SequenceNode templates) {
      for (Node t : templates.getValue()) {
        if (t instanceof MappingNode m && Document.value(m, "name") instanceof ScalarNode n) {
          names.add(n.getValue());
          if (source == null && n.getValue().equals(template)) {
            source = m;
          }
        }
      }
    }
    if (source == null) {
      fail(
          at,
          Code.UNKNOWN_TEMPLATE,
          "template `"
              + template
              + "` not found in "
              + kind(cluster)
              + " `"
              + name
              + "`"
              + Suggest.didYouMean(template, names));
      return null;
    }
    String local = freeName(template);
    localNames.put(key, local);
    storedTemplates.set(key, JsonTrees.of(source, s -> {}));
    MappingNode copy = (MappingNode) copy(source, at);
    NodeTuple nameTuple = tuple(copy, "name");
    copy.getValue()
        .set(
            copy.getValue().indexOf(nameTuple),
            new NodeTuple(nameTuple.getKeyNode(), scalar(local, at)));
    added.add(copy);
    rewriteCalls(copy, new Holder(cluster, name), at);
    return local;
  }

  private String freeName(String name) {
    if (used.add(name)) {
      return name;
    }
    for (int i = 2; ; i++) {
      String candidate = name + "-" + i;
      if (used.add(candidate)) {
        return candidate;
      }
    }
  }

  private void notFound(Mark at, boolean cluster, String name) {
    String where = cluster ? "" : " in namespace `" + namespace + "`";
    String incomplete = lookup.incomplete();
    fail(
        at,
        Code.UNKNOWN_TEMPLATE,
        kind(cluster)
            + " `"
            + name
            + "` not found"
            + where
            + (incomplete != null
                ? " (" + incomplete + ")"
                : ": create it with `targo "
                    + (cluster ? "cluster-template" : "template")
                    + " create`, or give its file on the same command line"));
  }

  private static String kind(boolean cluster) {
    return cluster ? Document.CLUSTER_WORKFLOW_TEMPLATE : Document.WORKFLOW_TEMPLATE;
  }

  private void fail(Mark at, Code code, String message) {
    problems.add(Pos.of(at), code, message);
    complete = false;
  }

  /**
   * {@code over} joined onto {@code base}, Argo's strategic merge of two workflow specs: {@code
   * over}'s fields win.
   */
  private static MappingNode merge(MappingNode base, MappingNode over, String path) {
    List<NodeTuple> tuples = new ArrayList<>();
    for (NodeTuple b : base.getValue()) {
      String key = key(b);
      NodeTuple o = key == null ? null : tuple(over, key);
      if (o == null) {
        tuples.add(b);
      } else {
        tuples.add(
            new NodeTuple(
                o.getKeyNode(), mergeValue(b.getValueNode(), o.getValueNode(), path + key)));
      }
    }
    for (NodeTuple o : over.getValue()) {
      String key = key(o);
      if (key == null || tuple(base, key) == null) {
        tuples.add(o);
      }
    }
    return new MappingNode(
        over.getTag(), true, tuples, over.getStartMark(), over.getEndMark(), over.getFlowStyle());
  }

  private static Node mergeValue(Node base, Node over, String path) {
    if (base instanceof MappingNode b && over instanceof MappingNode o) {
      return merge(b, o, path + ".");
    }
    String mergeKey = MERGE_KEYS.get(path);
    if (mergeKey != null && base instanceof SequenceNode b && over instanceof SequenceNode o) {
      return mergeList(b, o, mergeKey, path.equals("arguments.parameters"));
    }
    return over;
  }

  /**
   * Items merged by {@code mergeKey}; with {@code wholeWhenValued} (argument parameters, as {@code
   * JoinWorkflowSpec} does) an item of {@code over} with a value replaces the base item whole.
   */
  private static SequenceNode mergeList(
      SequenceNode base, SequenceNode over, String mergeKey, boolean wholeWhenValued) {
    List<Node> items = new ArrayList<>(base.getValue());
    for (Node o : over.getValue()) {
      String id = string(o, mergeKey);
      int at = -1;
      for (int i = 0; id != null && i < items.size(); i++) {
        if (id.equals(string(items.get(i), mergeKey))) {
          at = i;
          break;
        }
      }
      if (at < 0) {
        items.add(o);
      } else if (wholeWhenValued && hasValue(o)) {
        items.set(at, o);
      } else if (items.get(at) instanceof MappingNode b && o instanceof MappingNode om) {
        items.set(at, merge(b, om, "\0"));
      } else {
        items.set(at, o);
      }
    }
    return new SequenceNode(
        over.getTag(), true, items, over.getStartMark(), over.getEndMark(), over.getFlowStyle());
  }

  /** Argo's {@code Parameter.HasValue}: a value, a default or a valueFrom. */
  private static boolean hasValue(Node parameter) {
    return Document.value(parameter, "value") != null
        || Document.value(parameter, "default") != null
        || Document.value(parameter, "valueFrom") != null;
  }

  /**
   * A deep copy of {@code node}; with {@code at}, every node of the copy is placed there (a
   * template copied from another document).
   */
  static Node copy(Node node, Mark at) {
    Mark start = at != null ? at : node.getStartMark();
    Mark end = at != null ? at : node.getEndMark();
    if (node instanceof MappingNode m) {
      List<NodeTuple> tuples = new ArrayList<>();
      for (NodeTuple t : m.getValue()) {
        tuples.add(new NodeTuple(copy(t.getKeyNode(), at), copy(t.getValueNode(), at)));
      }
      return new MappingNode(m.getTag(), true, tuples, start, end, m.getFlowStyle());
    }
    if (node instanceof SequenceNode s) {
      List<Node> items = new ArrayList<>();
      for (Node item : s.getValue()) {
        items.add(copy(item, at));
      }
      return new SequenceNode(s.getTag(), true, items, start, end, s.getFlowStyle());
    }
    ScalarNode s = (ScalarNode) node;
    return new ScalarNode(s.getTag(), true, s.getValue(), start, end, s.getScalarStyle());
  }

  private static ScalarNode scalar(String value, Mark at) {
    return new ScalarNode(
        Tag.STR, true, value, at, at, org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN);
  }

  private static void put(MappingNode map, String key, Node value) {
    NodeTuple t = tuple(map, key);
    map.getValue().set(map.getValue().indexOf(t), new NodeTuple(t.getKeyNode(), value));
  }

  private static NodeTuple tuple(MappingNode map, String key) {
    for (NodeTuple t : map.getValue()) {
      if (key.equals(key(t))) {
        return t;
      }
    }
    return null;
  }

  private static String key(NodeTuple t) {
    return t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
  }

  private static String string(Node node, String key) {
    return Document.value(node, key) instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)
        ? s.getValue()
        : null;
  }

  private static boolean bool(Node node, String key) {
    return Document.value(node, key) instanceof ScalarNode s
        && s.getTag().equals(Tag.BOOL)
        && Scalars.parseBool(s.getValue());
  }
}
