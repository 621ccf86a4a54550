package dev.kurator.policy.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits dotted variable names such as {@code request.object.metadata.annotations."a.b/c"}. */
final class ValuePaths {
  private ValuePaths() {}

  static String[] split(String name) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char c : name.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '.' && !quoted) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    return parts.toArray(new String[0]);
  }
}
