package dev.kurator.policy.internal;

/** Kyverno's glob: {@code *} any run of characters (including none), {@code ?} exactly one; whole-string, case-sensitive. */
public final class Wildcard {
  private Wildcard() {}

  /** True when {@code pattern} contains a glob character. */
  public static boolean hasWildcard(String pattern) {
    return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
  }

  /** Whole-string glob match of {@code text} against {@code pattern}. */
  public static boolean match(String pattern, String text) {
    if (pattern == null || text == null) {
      return false;
    }
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
