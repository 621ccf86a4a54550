package dev.kurator.testing.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the peers' own test suites (Kyverno CLI tests, Prometheus promqltest files, ...), which are third-party
 * files kept outside the repository. They are looked up under the directory named by the system property
 * {@value #PROPERTY} (the build points it at the folder beside the checkout that CI provides), then under
 * {@code .peers/} in the checkout, where {@value #SCRIPT} puts them.
 *
 * <p>Where a suite is absent, {@link #require} skips the calling test with a one-line hint, except when the
 * environment variable {@code CI} is {@code true}: there absence fails, so that CI never passes without them.
 */
public final class PeerSuites {

  /** The system property naming the peers' directory. */
  public static final String PROPERTY = "kurator.peers.dir";
  /** The system property naming the checkout, whose {@code .peers/} is the second place looked in. */
  public static final String CHECKOUT_PROPERTY = "kurator.checkout.dir";
  /** The script that fetches the suites at pinned commits. */
  public static final String SCRIPT = "conformance/fetch-peers.sh";

  private PeerSuites() {
  }

  /** The places {@code relative} is looked for, in order. */
  public static List<Path> candidates(String relative) {
    List<Path> out = new ArrayList<>();
    String dir = System.getProperty(PROPERTY);
    if (dir != null && !dir.isBlank()) {
      out.add(Path.of(dir).resolve(relative).normalize());
    }
    String checkout = System.getProperty(CHECKOUT_PROPERTY);
    if (checkout != null && !checkout.isBlank()) {
      out.add(Path.of(checkout, ".peers").resolve(relative).normalize());
    }
    return out;
  }

  /** Where {@code relative} (for example {@code policy/cases}) is found, if anywhere. */
  public static Optional<Path> find(String relative) {
    return candidates(relative).stream().filter(Files::exists).findFirst();
  }

  /**
   * Where {@code relative} is found; otherwise the calling test is skipped with a hint (or, under {@code CI=true},
   * fails).
   */
  public static Path require(String relative) {
    Optional<Path> found = find(relative);
    if (found.isPresent()) {
      return found.get();
    }
    String hint = "peer suite " + relative + " not found in " + candidates(relative) + ": run " + SCRIPT
        + " (or set -D" + PROPERTY + "=DIR) to run it";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(hint + "; CI=true requires it");
    }
    return Assumptions.abort(hint);
  }
}
