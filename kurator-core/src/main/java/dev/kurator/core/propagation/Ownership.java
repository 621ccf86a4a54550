package dev.kurator.core.propagation;

/**
 * The labels and annotations every propagated copy carries, so that anyone can tell who put it there and from which
 * template, and so that garbage collection only ever deletes copies it owns.
 */
public final class Ownership {

  /** Label: name of the propagation that owns the copy. GC lists by this label and deletes only what carries it. */
  public static final String PROPAGATION_LABEL = "kurator.dev/propagation";
  /** Label: constant {@value #MANAGER}, marks the copy as managed by the SDK. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  /** Value of {@link #MANAGED_BY_LABEL}. */
  public static final String MANAGER = "kurator";
  /** Annotation: the template the copy was made from, {@code apiVersion/kind/namespace/name}. */
  public static final String TEMPLATE_ANNOTATION = "kurator.dev/template";
  /** Annotation: hash of the desired variant last written, to tell template changes from edits on the cluster. */
  public static final String HASH_ANNOTATION = "kurator.dev/desired-hash";
  /** Annotation: the override policies applied to this cluster's variant, comma separated. */
  public static final String OVERRIDES_ANNOTATION = "kurator.dev/applied-overrides";

  /**
   * Annotation: every kind among the propagation's templates when the copy was written, as sorted, comma-separated
   * {@code apiVersion/kind} entries (e.g. {@code apps/v1/Deployment,v1/ConfigMap}). Garbage collection reads it from
   * the copies it finds to look for copies of kinds whose last template was dropped since.
   */
  public static final String KINDS_ANNOTATION = "kurator.dev/propagated-kinds";

  private Ownership() {}

  /** The value of {@link #KINDS_ANNOTATION} for these {@code [apiVersion, kind]} pairs. */
  public static String kindsValue(java.util.Collection<java.util.List<String>> kinds) {
    return kinds.stream().map(k -> k.get(0) + "/" + k.get(1)).sorted().distinct()
        .collect(java.util.stream.Collectors.joining(","));
  }

  /**
   * The {@code [apiVersion, kind]} pairs named by a {@link #KINDS_ANNOTATION} value; entries that are not
   * {@code apiVersion/kind} (someone edited the annotation) are ignored.
   */
  public static java.util.Set<java.util.List<String>> parseKinds(String value) {
    java.util.Set<java.util.List<String>> kinds = new java.util.LinkedHashSet<>();
    if (value == null) {
      return kinds;
    }
    for (String entry : value.split(",")) {
      String e = entry.strip();
      int slash = e.lastIndexOf('/');
      if (slash > 0 && slash < e.length() - 1 && e.substring(slash + 1).matches("[A-Za-z][A-Za-z0-9]*")
          && e.substring(0, slash).matches("([a-z0-9.-]+/)?v[a-z0-9]+")) {
        kinds.add(java.util.List.of(e.substring(0, slash), e.substring(slash + 1)));
      }
    }
    return kinds;
  }
}
