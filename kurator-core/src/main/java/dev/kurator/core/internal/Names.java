package dev.kurator.core.internal;

import dev.kurator.core.Problems;
import java.util.Map;
import java.util.regex.Pattern;

/** Kubernetes naming rules (DNS-1123 labels, label keys and values), reported into {@link Problems}. */
public final class Names {

  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  private Names() {}

  /** Whether {@code name} is a DNS-1123 label: at most 63 lower-case alphanumerics or '-', alphanumeric at both ends. */
  public static boolean isDns1123Label(String name) {
    return name != null && name.length() <= 63 && DNS1123_LABEL.matcher(name).matches();
  }

  /** Records a problem unless {@code name} is a DNS-1123 label. */
  public static void checkDns1123Label(Problems problems, String path, String name) {
    problems.check(!isDns1123Label(name), path, name,
        "must be a DNS-1123 label (at most 63 characters: a-z, 0-9, '-', starting and ending alphanumeric)");
  }

  /** Whether {@code key} is a valid label key: an optional DNS-1123 subdomain prefix and '/', then a name. */
  public static boolean isLabelKey(String key) {
    if (key == null || key.isEmpty()) {
      return false;
    }
    int slash = key.indexOf('/');
    String name = key;
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
        return false;
      }
    }
    return name.length() <= 63 && LABEL_NAME.matcher(name).matches();
  }

  /** Whether {@code value} is a valid label value: empty, or at most 63 characters of the label-name alphabet. */
  public static boolean isLabelValue(String value) {
    return value != null && (value.isEmpty() || value.length() <= 63 && LABEL_NAME.matcher(value).matches());
  }

  /** Records one problem per invalid key or value of {@code labels}, under {@code path[key]}. */
  public static void checkLabels(Problems problems, String path, Map<String, String> labels) {
    labels.forEach((k, v) -> {
      problems.check(!isLabelKey(k), path + "[" + k + "]", k,
          "must be a label key ([prefix/]name, name at most 63 characters of a-z, A-Z, 0-9, '-', '_', '.')");
      problems.check(!isLabelValue(v), path + "[" + k + "]", v,
          "must be a label value (empty or at most 63 characters of a-z, A-Z, 0-9, '-', '_', '.')");
    });
  }
}
