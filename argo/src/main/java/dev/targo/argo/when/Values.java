package dev.targo.argo.when;

import dev.targo.argo.GoFormat;
import java.util.List;
import java.util.regex.Pattern;

/** govaluate's values (float64, string, bool, nil, lists) and how Go's {@code %v} prints them. */
final class Values {
  private Values() {}

  static String show(Object value) {
    if (value == null) {
      return "<nil>";
    }
    if (value instanceof Double d) {
      return GoFormat.float64(d);
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : " ").append(show(list.get(i)));
      }
      return out.append(']').toString();
    }
    if (value instanceof Pattern p) {
      return p.pattern();
    }
    return value.toString();
  }

  /** Go's {@code reflect.DeepEqual} over these values. */
  static boolean deepEqual(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!deepEqual(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a == null ? b == null : a.equals(b);
  }
}
