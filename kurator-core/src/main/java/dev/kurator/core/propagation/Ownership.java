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

  private Ownership() {}
}
