package dev.kurator.core.override.internal;

import java.util.regex.Pattern;

/**
 * A container image split as Karmada's image parser does: registry host (only when the first path part looks like a
 * host: contains {@code .} or {@code :} or is {@code localhost}), repository, tag and digest. No registry is implied
 * ({@code nginx} has an empty registry, not {@code docker.io}).
 */
public final class ImageReference {

  private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  private String registry;
  private String repository;
  private String tag;
  private String digest;

  private ImageReference(String registry, String repository, String tag, String digest) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Parses an image reference.
   *
   * @throws IllegalArgumentException when the repository is empty or the tag or digest is malformed
   */
  public static ImageReference parse(String image) {
    String registry = "";
    String rest = image;
    int slash = image.indexOf('/');
    if (slash >= 0) {
      String first = image.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = image.substring(slash + 1);
      }
    }
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new IllegalArgumentException("image \"" + image + "\" has a malformed digest");
      }
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("image \"" + image + "\" has a malformed tag");
      }
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("image \"" + image + "\" has no repository");
    }
    return new ImageReference(registry, rest, tag, digest);
  }

  public String registry() {
    return registry;
  }

  public String repository() {
    return repository;
  }

  /** The tag if there is one, else the digest, else empty. */
  public String tagOrDigest() {
    return tag.isEmpty() ? digest : tag;
  }

  public void registry(String value) {
    registry = value;
  }

  public void repository(String value) {
    repository = value;
  }

  /** Sets a digest if {@code value} looks like one, else a tag; the other is cleared. */
  public void tagOrDigest(String value) {
    if (DIGEST.matcher(value).matches()) {
      digest = value;
      tag = "";
    } else {
      tag = value;
      digest = "";
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (!registry.isEmpty()) {
      b.append(registry).append('/');
    }
    b.append(repository);
    if (!tag.isEmpty()) {
      b.append(':').append(tag);
    }
    if (!digest.isEmpty()) {
      b.append('@').append(digest);
    }
    return b.toString();
  }
}
