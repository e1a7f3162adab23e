package dev.targo.worker.workflow;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaModifier;
import io.temporal.activity.ActivityInterface;
import io.temporal.workflow.WorkflowInterface;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks workflow code for what breaks determinism, on the compiled classes: starting from each
 * workflow implementation, it follows every call, constructor and method reference into targo's own
 * code (lambdas included, and every implementation of a targo interface method called), and reports
 * each call of a non-deterministic API and each use of mutable static state on the way: wall clock,
 * randomness, threads, I/O, the environment, default zone and locale, iteration over {@link
 * java.util.HashMap} or {@link java.util.HashSet}, non-final static fields.
 *
 * <p>It plays, inside the build, the part of Temporal's {@code temporal-workflowcheck} (not served
 * by this project's package registry): workflowcheck also walks into libraries, which this check
 * trusts (Temporal's {@code Workflow} API, Jackson on ordered trees, the JDK's collections), and
 * like any check on types it sees iteration only where the hash collection's type is declared.
 */
final class DeterminismCheck {

  /** Calls that are never deterministic, by owner class: the methods, or every one when empty. */
  static final Map<String, Set<String>> FORBIDDEN_CALLS =
      Map.ofEntries(
          Map.entry(
              "java.lang.System",
              Set.of(
                  "currentTimeMillis",
                  "nanoTime",
                  "getenv",
                  "getProperty",
                  "getProperties",
                  "exit",
                  "identityHashCode")),
          Map.entry("java.lang.Thread", Set.of()),
          Map.entry("java.lang.Runtime", Set.of()),
          Map.entry("java.lang.Math", Set.of("random")),
          Map.entry("java.lang.StrictMath", Set.of("random")),
          Map.entry("java.util.UUID", Set.of("randomUUID")),
          Map.entry("java.util.Random", Set.of()),
          Map.entry("java.security.SecureRandom", Set.of()),
          Map.entry("java.util.concurrent.ThreadLocalRandom", Set.of()),
          Map.entry("java.util.concurrent.Executors", Set.of()),
          Map.entry("java.util.concurrent.CompletableFuture", Set.of()),
          Map.entry("java.time.Clock", Set.of()),
          Map.entry("java.time.Instant", Set.of("now")),
          Map.entry("java.time.LocalDate", Set.of("now")),
          Map.entry("java.time.LocalDateTime", Set.of("now")),
          Map.entry("java.time.LocalTime", Set.of("now")),
          Map.entry("java.time.OffsetDateTime", Set.of("now")),
          Map.entry("java.time.ZonedDateTime", Set.of("now")),
          Map.entry("java.time.ZoneId", Set.of("systemDefault")),
          Map.entry("java.util.TimeZone", Set.of("getDefault")),
          Map.entry("java.util.Locale", Set.of("getDefault")),
          Map.entry("java.util.HashMap", Set.of("entrySet", "keySet", "values", "forEach")),
          Map.entry("java.util.HashSet", Set.of("iterator", "forEach", "stream", "toArray")),
          Map.entry("java.nio.file.Files", Set.of()),
          Map.entry("java.nio.file.Paths", Set.of()),
          Map.entry("java.io.File", Set.of()),
          Map.entry("java.io.FileInputStream", Set.of()),
          Map.entry("java.io.FileOutputStream", Set.of()),
          Map.entry("java.io.FileReader", Set.of()),
          Map.entry("java.io.FileWriter", Set.of()),
          Map.entry("java.io.RandomAccessFile", Set.of()));

  /** Whole packages whose code does I/O. */
  static final List<String> FORBIDDEN_PACKAGES = List.of("java.net.", "java.nio.channels.");

  /** Static fields of the JDK that are I/O. */
  static final Set<String> FORBIDDEN_FIELDS =
      Set.of("java.lang.System.out", "java.lang.System.err", "java.lang.System.in");

  private final JavaClasses classes;

  DeterminismCheck(JavaClasses classes) {
    this.classes = classes;
  }

  /** The imported classes that implement a Temporal workflow interface. */
  Set<JavaClass> workflowImplementations() {
    Set<JavaClass> found = new LinkedHashSet<>();
    for (JavaClass c : classes) {
      if (!c.isInterface()
          && c.getAllRawInterfaces().stream()
              .anyMatch(i -> i.isAnnotatedWith(WorkflowInterface.class))) {
        found.add(c);
      }
    }
    return found;
  }

  /** Every problem in the code reachable from {@code workflow}'s methods, sorted. */
  Set<String> violations(JavaClass workflow) {
    Set<String> problems = new TreeSet<>();
    for (JavaCodeUnit unit : reachableFrom(workflow)) {
      for (JavaAccess<?> access : accessesOf(unit)) {
        String problem = problem(access);
        if (problem != null) {
          problems.add(where(access) + " " + problem);
        }
      }
    }
    return problems;
  }

  /** The code units {@code workflow} can run, as {@code Class.method}, for a look at the reach. */
  Set<String> reach(JavaClass workflow) {
    Set<String> names = new TreeSet<>();
    reachableFrom(workflow)
        .forEach(u -> names.add(u.getOwner().getSimpleName() + "." + u.getName()));
    return names;
  }

  /**
   * The code units of targo's own classes that {@code workflow} can run: its methods and
   * constructors, then whatever they call, construct or reference, the lambdas of each (compiled to
   * {@code lambda$<method>$n}), every implementation of an interface or abstract method called, and
   * the static initialiser of every class reached.
   */
  private Set<JavaCodeUnit> reachableFrom(JavaClass workflow) {
    Set<JavaCodeUnit> reached = new LinkedHashSet<>();
    Deque<JavaCodeUnit> todo = new ArrayDeque<>(workflow.getCodeUnits());
    while (!todo.isEmpty()) {
      JavaCodeUnit unit = todo.pop();
      if (!isOwn(unit.getOwner()) || !reached.add(unit)) {
        continue;
      }
      unit.getOwner().getStaticInitializer().ifPresent(todo::push);
      for (JavaAccess<?> access : accessesOf(unit)) {
        if (!(access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget target)
            || !isOwn(target.getOwner())) {
          continue;
        }
        if (isStub(target.getOwner())) {
          // A call through an activity or child workflow stub runs elsewhere, not on this thread.
          continue;
        }
        target.resolveMember().ifPresent(todo::push);
        for (JavaClass sub : target.getOwner().getAllSubclasses()) {
          for (JavaCodeUnit candidate : sub.getCodeUnits()) {
            if (candidate.getName().equals(target.getName())
                && candidate.getRawParameterTypes().equals(target.getRawParameterTypes())) {
              todo.push(candidate);
            }
          }
        }
      }
    }
    return reached;
  }

  /** Calls, method and constructor references, and field accesses. */
  private static Set<JavaAccess<?>> accessesOf(JavaCodeUnit unit) {
    return unit.getAccessesFromSelf();
  }

  /** What is wrong with {@code access}, or null. */
  private static String problem(JavaAccess<?> access) {
    AccessTarget target = access.getTarget();
    String owner = target.getOwner().getName();
    if (access instanceof JavaFieldAccess field) {
      String name = owner + "." + field.getTarget().getName();
      if (FORBIDDEN_FIELDS.contains(name)) {
        return "uses " + name;
      }
      JavaField resolved = field.getTarget().resolveMember().orElse(null);
      if (resolved != null
          && isOwn(resolved.getOwner())
          && resolved.getModifiers().contains(JavaModifier.STATIC)
          && !resolved.getModifiers().contains(JavaModifier.FINAL)) {
        return "uses the mutable static field " + name;
      }
      return null;
    }
    for (String pkg : FORBIDDEN_PACKAGES) {
      if (owner.startsWith(pkg)) {
        return "calls " + owner + "." + target.getName();
      }
    }
    Set<String> methods = FORBIDDEN_CALLS.get(owner);
    if (methods != null && (methods.isEmpty() || methods.contains(target.getName()))) {
      return "calls " + owner + "." + target.getName();
    }
    return null;
  }

  private static String where(JavaAccess<?> access) {
    return access.getOrigin().getOwner().getSimpleName()
        + "."
        + access.getOrigin().getName()
        + " ("
        + access.getSourceCodeLocation()
        + ")";
  }

  private static boolean isStub(JavaClass c) {
    return c.isAnnotatedWith(ActivityInterface.class) || c.isAnnotatedWith(WorkflowInterface.class);
  }

  private static boolean isOwn(JavaClass c) {
    return c.getPackageName().startsWith("dev.targo.");
  }
}
