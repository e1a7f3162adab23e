package dev.targo.worker.executor.local;

import java.util.Map;

/**
 * Kubernetes' {@code $(VAR_NAME)} expansion in a container's command, args and env values: a
 * defined variable is replaced by its value, an undefined reference stays as written, {@code $$}
 * escapes a dollar. Pure.
 */
final class EnvExpansion {
  private EnvExpansion() {}

  static String expand(String input, Map<String, String> defined) {
    StringBuilder out = new StringBuilder(input.length());
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c != '$' || i + 1 == input.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = input.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '(') {
        int close = input.indexOf(')', i + 2);
        if (close < 0) {
          // An unterminated reference is kept as it is, to the end of the input.
          out.append(input, i, input.length());
          break;
        }
        String name = input.substring(i + 2, close);
        String value = defined.get(name);
        out.append(value != null ? value : "$(" + name + ")");
        i = close + 1;
      } else {
        out.append(c).append(next);
        i += 2;
      }
    }
    return out.toString();
  }
}
