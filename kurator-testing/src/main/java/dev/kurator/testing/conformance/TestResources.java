package dev.kurator.testing.conformance;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The conformance data kept in a module's test resources ({@code src/test/resources/conformance/...}). */
public final class TestResources {

  private TestResources() {
  }

  /**
   * {@code name} (an absolute resource name such as {@code /conformance/placement/vectors.json}) on the class path of
   * {@code anchor}, as a file.
   *
   * @throws IllegalStateException when it is not there
   */
  public static Path file(Class<?> anchor, String name) {
    URL url = anchor.getResource(name);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + name + " (see conformance/INDEX.md)");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate " + url, e);
    }
  }
}
