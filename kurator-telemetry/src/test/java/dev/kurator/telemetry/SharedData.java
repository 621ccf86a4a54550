package dev.kurator.telemetry;

import dev.kurator.testing.conformance.PeerSuites;
import dev.kurator.testing.conformance.TestResources;
import java.nio.file.Path;

/**
 * Locates conformance data: this project's own ({@code src/test/resources/conformance/telemetry}, see
 * {@code conformance/INDEX.md}) and the peers' verbatim files ({@link PeerSuites}).
 */
public final class SharedData {

  private SharedData() {
  }

  /** {@code conformance/telemetry/<relative>} from the test resources. */
  public static Path telemetry(String relative) {
    return TestResources.file(SharedData.class, "/conformance/telemetry/" + relative);
  }

  /** {@code telemetry/<relative>} of the peers' suites; skips the test where they are absent (fails under CI). */
  public static Path peer(String relative) {
    return PeerSuites.require("telemetry/" + relative);
  }
}
