package dev.targo.translator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.plan.ContinueOn;
import dev.targo.argo.plan.ExitHook;
import dev.targo.argo.plan.LifecycleHook;
import dev.targo.argo.plan.Loop;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.when.When;
import dev.targo.argo.when.WhenException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What steps and tasks have in common: the template they call and the arguments they pass it, their
 * names, loops, {@code continueOn} and {@code when}.
 */
final class Calls {
  private final Problems problems;
  private final Source source;
  private final Map<String, Raw.Template> templates;

  Calls(Problems problems, Source source, Map<String, Raw.Template> templates) {
    this.problems = problems;
    this.source = source;
    this.templates = templates;
  }

  /**
   * A step's or task's exit hook, checked: the template it calls, the arguments it passes (whose
   * strings may name the step's own outputs: {@code scope} plus the step itself), or null.
   *
   * @param self the step's name; {@code selfTemplate} the template it calls, or null
   */
  ExitHook exitHook(
      Raw.Hook hook,
      Scope scope,
      String self,
      Raw.Template selfTemplate,
      boolean aggregate,
      References references,
      String caller) {
    if (hook == null) {
      return null;
    }
    Raw.Template called = called(hook.template(), true);
    if (hook.arguments() == null) {
      return hook.template() == null ? null : new ExitHook(hook.template().value(), null);
    }
    references.check(hook.strings(), withSelf(scope, self, selfTemplate, aggregate));
    List<Parameter> arguments =
        arguments(hook.arguments(), called, hook.template(), "the exit hook of " + caller);
    return hook.template() == null ? null : new ExitHook(hook.template().value(), arguments);
  }

  /**
   * A step's or task's lifecycle hooks other than {@code exit}, checked as Argo's {@code
   * executeTmplLifeCycleHook} needs them: each names an existing template, has an {@code
   * expression} that parses ({@code Expression required for hook}), and passes what the template
   * needs; their arguments may name the step's own outputs, as an exit hook's.
   */
  List<LifecycleHook> hooks(
      List<Raw.StepHook> hooks,
      Scope scope,
      String self,
      Raw.Template selfTemplate,
      boolean aggregate,
      References references,
      String caller) {
    List<LifecycleHook> out = new ArrayList<>();
    for (Raw.StepHook h : hooks) {
      String what = "hook `" + h.name() + "` of " + caller;
      if (h.template() == null || h.template().value().isEmpty()) {
        problems.add(h.pos(), Code.MISSING_FIELD, what + " needs a `template`");
        continue;
      }
      Raw.Template called = called(h.template(), true);
      if (h.expression() == null || h.expression().value().isEmpty()) {
        problems.add(h.pos(), Code.MISSING_FIELD, what + " needs an `expression`");
        continue;
      }
      hookExpression(problems, h.expression(), what);
      List<Parameter> arguments = null;
      if (h.arguments() != null) {
        references.check(h.strings(), withSelf(scope, self, selfTemplate, aggregate));
        arguments = arguments(h.arguments(), called, h.template(), what);
      }
      out.add(new LifecycleHook(h.name(), h.template().value(), arguments, h.expression().value()));
    }
    return out;
  }

  /**
   * {@code scope} with the step itself ({@code self}, calling {@code selfTemplate}) visible: what a
   * hook's strings see, as they may name the step's own outputs.
   */
  private static Scope withSelf(
      Scope scope, String self, Raw.Template selfTemplate, boolean aggregate) {
    Scope withSelf = scope.copy();
    if (self != null) {
      Set<String> visible = new LinkedHashSet<>(scope.visible);
      visible.add(self);
      withSelf.visible = visible;
      withSelf.addNode(self, selfTemplate, aggregate);
    }
    return withSelf;
  }

  /** A lifecycle hook's {@code expression} (of {@code what}) must parse. */
  static void hookExpression(Problems problems, Str expression, String what) {
    try {
      dev.targo.argo.expr.Expr.parse(expression.value());
    } catch (dev.targo.argo.expr.ExprException e) {
      problems.add(
          expression.pos(),
          Code.INVALID_VALUE,
          "`expression` of " + what + " is not a valid expression: " + e.getMessage());
    }
  }

  /** The template {@code ref} names, or null (reported when {@code report}). */
  Raw.Template called(Str ref, boolean report) {
    if (ref == null) {
      return null;
    }
    Raw.Template t = templates.get(ref.value());
    if (t == null && report) {
      problems.add(
          ref.pos(),
          Code.UNKNOWN_TEMPLATE,
          "template `"
              + ref.value()
              + "` does not exist"
              + Suggest.didYouMean(ref.value(), templates.keySet()));
    }
    return t;
  }

  /** Checks a step or task name: Argo's rule, and unique in its template. */
  void name(Str name, String what, Set<String> seen) {
    if (name == null) {
      return;
    }
    String invalid = KubeNames.templateName(name.value());
    if (invalid != null) {
      problems.add(name.pos(), Code.INVALID_VALUE, invalid.replaceFirst("^template", what));
    }
    if (!seen.add(name.value())) {
      problems.add(
          name.pos(),
          Code.DUPLICATE_NAME,
          what + " name `" + name.value() + "` is already used in this template");
    }
  }

  /**
   * The arguments passed to {@code called}: each needs a value, and every input of {@code called}
   * without a value or default must be passed.
   */
  List<Parameter> arguments(List<Raw.Parameter> raw, Raw.Template called, Str ref, String caller) {
    List<Parameter> arguments = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Raw.Parameter p : raw) {
      String name = p.name().value();
      String invalid = KubeNames.parameterName(name);
      if (invalid != null) {
        problems.add(p.name().pos(), Code.INVALID_VALUE, invalid);
      }
      if (!names.add(name)) {
        problems.add(
            p.name().pos(), Code.DUPLICATE_NAME, "argument `" + name + "` is passed twice");
      }
      // Argo requires a value here; a `default` alone does not count.
      Str value = p.value();
      if (value == null && !p.valueFrom()) {
        problems.add(
            p.name().pos(),
            Code.MISSING_VALUE,
            "argument `" + name + "` of " + caller + " needs a `value`");
      }
      arguments.add(Parameter.of(name, value == null ? null : value.value()));
    }
    if (called != null) {
      for (Raw.Parameter input : called.inputs()) {
        String name = input.name().value();
        if (input.value() == null
            && input.defaultValue() == null
            && !input.valueFrom()
            && !names.contains(name)) {
          problems.add(
              ref.pos(),
              Code.MISSING_VALUE,
              caller
                  + " does not pass input parameter `"
                  + name
                  + "` of template `"
                  + ref.value()
                  + "`, which has no value or default");
        }
      }
    }
    return arguments;
  }

  /** The plan loop, checked; null when there is none (an empty {@code withItems} is none). */
  Loop loop(Raw.Loop raw) {
    if (raw == null) {
      return null;
    }
    if (raw.items() != null) {
      return raw.items().isEmpty() ? null : new Loop.Items(raw.items());
    }
    if (raw.param() != null) {
      return raw.param().value().isEmpty() ? null : new Loop.Param(raw.param().value());
    }
    Raw.Sequence q = raw.sequence();
    if (q == null) {
      return null;
    }
    if (q.count() != null && q.end() != null) {
      problems.add(
          q.end().pos(),
          Code.INVALID_VALUE,
          "only one of count or end can be defined in withSequence");
    } else if (q.count() == null && q.end() == null) {
      problems.add(q.pos(), Code.MISSING_FIELD, "`withSequence` needs a `count` or an `end`");
    }
    integer(q.count(), "count");
    integer(q.start(), "start");
    integer(q.end(), "end");
    return new Loop.Sequence(text(q.count()), text(q.start()), text(q.end()), text(q.format()));
  }

  private void integer(Str s, String field) {
    if (s == null || s.templated()) {
      return;
    }
    try {
      Integer.parseInt(s.value());
    } catch (NumberFormatException e) {
      problems.add(
          s.pos(),
          Code.INVALID_VALUE,
          "`withSequence."
              + field
              + "` must be an integer or a `{{…}}` variable, not `"
              + s.value()
              + "`");
    }
  }

  /** Adds the {@code item} variables a loop provides. */
  static void addItems(Scope scope, Loop loop) {
    if (loop == null) {
      return;
    }
    scope.loop = true;
    switch (loop) {
      case Loop.Items items -> {
        // Argo gives a map or list item's JSON text as {{item}}, and its parts as below.
        scope.names.add("item");
        for (JsonNode item : items.items()) {
          if (item.isObject()) {
            Iterator<String> fields = item.fieldNames();
            fields.forEachRemaining(f -> scope.names.add("item." + f));
          } else if (item.isArray()) {
            for (int i = 0; i < item.size(); i++) {
              scope.names.add("item.[" + i + "]");
            }
          }
        }
      }
      case Loop.Param p -> scope.anyItemField = true;
      case Loop.Sequence q -> scope.names.add("item");
    }
  }

  static ContinueOn continueOn(Raw.ContinueOn raw) {
    return raw == null ? null : new ContinueOn(raw.failed(), raw.error());
  }

  /**
   * Checks the syntax of a {@code when} condition. Its {@code {{…}}} references are replaced by
   * words of the same length first, so that positions still match; a condition is reported only
   * when no value could make it valid (a word and a number are both tried).
   */
  void when(Str when) {
    if (when == null || when.value().isEmpty()) {
      return;
    }
    String text = when.value();
    WhenException letters = check(placeholders(text, 'x'));
    if (letters == null || check(placeholders(text, '0')) == null) {
      return;
    }
    int offset = Math.min(letters.offset() < 0 ? 0 : letters.offset(), text.length());
    String at = offset < text.length() ? text.substring(offset, offset + 1) : "";
    problems.add(
        source.locate(when, offset, at),
        Code.INVALID_VALUE,
        "`when` is not a valid condition: " + restore(letters.problem().strip(), text));
  }

  private static WhenException check(String text) {
    try {
      When.checkSyntax(text);
      return null;
    } catch (WhenException e) {
      return e;
    }
  }

  private static String placeholders(String text, char filler) {
    StringBuilder out = new StringBuilder(text);
    int pos = 0;
    while (true) {
      int open = text.indexOf("{{", pos);
      int close = open < 0 ? -1 : text.indexOf("}}", open + 2);
      if (close < 0) {
        return out.toString();
      }
      for (int i = open; i < close + 2; i++) {
        out.setCharAt(i, filler);
      }
      pos = close + 2;
    }
  }

  /** Puts the references back into a message that quotes placeholder words. */
  private static String restore(String message, String text) {
    String out = message;
    int pos = 0;
    while (true) {
      int open = text.indexOf("{{", pos);
      int close = open < 0 ? -1 : text.indexOf("}}", open + 2);
      if (close < 0) {
        return out;
      }
      String tag = text.substring(open, close + 2);
      out =
          out.replaceFirst("x".repeat(tag.length()), java.util.regex.Matcher.quoteReplacement(tag));
      pos = close + 2;
    }
  }

  private static String text(Str s) {
    return s == null ? null : s.value();
  }
}
