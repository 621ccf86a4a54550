package dev.kurator.core.override.internal;

import java.util.ArrayList;
import java.util.List;

/** JSON pointers (RFC 6901): parsing with a reason on failure, and escaping of reference tokens. */
public final class JsonPointers {

  private JsonPointers() {}

  /**
   * Splits a pointer into unescaped reference tokens.
   *
   * @throws IllegalArgumentException with the rule broken when {@code pointer} does not start with {@code /} or has a
   *                                  {@code ~} not followed by {@code 0} or {@code 1}
   */
  public static List<String> parse(String pointer) {
    if (pointer == null || !pointer.startsWith("/")) {
      throw new IllegalArgumentException("must be a JSON pointer starting with \"/\"");
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : pointer.substring(1).split("/", -1)) {
      StringBuilder token = new StringBuilder(raw.length());
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c != '~') {
          token.append(c);
          continue;
        }
        char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
        if (next == '0') {
          token.append('~');
        } else if (next == '1') {
          token.append('/');
        } else {
          throw new IllegalArgumentException("must escape \"~\" as \"~0\" and \"/\" as \"~1\"");
        }
        i++;
      }
      tokens.add(token.toString());
    }
    return tokens;
  }

  /** The rule {@code pointer} breaks, or null when it is a valid pointer. */
  public static String problem(String pointer) {
    try {
      parse(pointer);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** Escapes one reference token ({@code ~} to {@code ~0}, {@code /} to {@code ~1}). */
  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** A pointer from unescaped tokens. */
  public static String of(String... tokens) {
    StringBuilder b = new StringBuilder();
    for (String t : tokens) {
      b.append('/').append(escape(t));
    }
    return b.toString();
  }
}
