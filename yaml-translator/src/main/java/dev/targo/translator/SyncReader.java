package dev.targo.translator;

import dev.targo.argo.plan.SyncLock;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code synchronization} of a workflow or a template (Argo's {@code Synchronization}): {@code
 * mutexes[]} and {@code semaphores[]}, and the older single {@code mutex} and {@code semaphore}. A
 * semaphore names its limit with {@code configMapKeyRef} or {@code database.key}.
 */
final class SyncReader {
  private SyncReader() {}

  static final Schema SYNCHRONIZATION =
      Schema.of("synchronization", List.of("mutexes", "semaphores", "mutex", "semaphore"));
  static final Schema MUTEX = Schema.of("a mutex", List.of("name", "namespace", "database"));
  static final Schema SEMAPHORE =
      Schema.of("a semaphore", List.of("configMapKeyRef", "database", "namespace"));
  static final Schema CONFIG_MAP_KEY_REF =
      Schema.of("configMapKeyRef", List.of("name", "key"), List.of("optional"));
  static final Schema DATABASE = Schema.of("database", List.of("key"));

  /** The locks of {@code parent.synchronization}; problems are reported with positions. */
  static List<SyncLock> read(Reader reader, Obj parent) {
    Obj sync = reader.object(parent, "synchronization", SYNCHRONIZATION);
    List<SyncLock> locks = new ArrayList<>();
    if (sync == null) {
      return locks;
    }
    for (Node item : reader.list(sync, "mutexes")) {
      add(locks, mutex(reader, reader.object(item, Pos.of(item.getStartMark()), "a mutex", MUTEX)));
    }
    add(locks, mutex(reader, reader.object(sync, "mutex", MUTEX)));
    for (Node item : reader.list(sync, "semaphores")) {
      add(
          locks,
          semaphore(
              reader, reader.object(item, Pos.of(item.getStartMark()), "a semaphore", SEMAPHORE)));
    }
    add(locks, semaphore(reader, reader.object(sync, "semaphore", SEMAPHORE)));
    return locks;
  }

  private static void add(List<SyncLock> locks, SyncLock lock) {
    if (lock != null) {
      locks.add(lock);
    }
  }

  private static SyncLock mutex(Reader reader, Obj m) {
    if (m == null) {
      return null;
    }
    Str name = reader.text(m, "name");
    if (name == null || name.value().isBlank()) {
      reader.problems().add(m.owner(), Code.MISSING_FIELD, "a mutex needs a `name`");
      return null;
    }
    Boolean database = reader.bool(m, "database");
    Str namespace = reader.text(m, "namespace");
    return new SyncLock(
        false,
        name.value(),
        null,
        null,
        Boolean.TRUE.equals(database),
        namespace == null ? null : namespace.value());
  }

  private static SyncLock semaphore(Reader reader, Obj s) {
    if (s == null) {
      return null;
    }
    Obj ref = reader.object(s, "configMapKeyRef", CONFIG_MAP_KEY_REF);
    Obj database = reader.object(s, "database", DATABASE);
    Str namespace = reader.text(s, "namespace");
    String ns = namespace == null ? null : namespace.value();
    if ((ref == null) == (database == null)) {
      reader
          .problems()
          .add(
              s.owner(),
              Code.INVALID_VALUE,
              "a semaphore needs exactly one of `configMapKeyRef` and `database`");
      return null;
    }
    if (database != null) {
      Str key = reader.text(database, "key");
      if (key == null || key.value().isBlank()) {
        reader.problems().add(database.owner(), Code.MISSING_FIELD, "`database` needs a `key`");
        return null;
      }
      return new SyncLock(true, key.value(), null, null, true, ns);
    }
    Str name = reader.text(ref, "name");
    Str key = reader.text(ref, "key");
    if (name == null || key == null) {
      reader
          .problems()
          .add(ref.owner(), Code.MISSING_FIELD, "`configMapKeyRef` needs a `name` and a `key`");
      return null;
    }
    return new SyncLock(true, null, name.value(), key.value(), false, ns);
  }
}
