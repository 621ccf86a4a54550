package dev.kurator.telemetry;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared conformance data ({@code kurator.shared.dir}). */
public final class SharedData {

  private SharedData() {
  }

  /** {@code <kurator.shared.dir>/conformance/telemetry/<relative>}. */
  public static Path telemetry(String relative) {
    String dir = System.getProperty("kurator.shared.dir");
    if (dir == null) {
      throw new IllegalStateException("system property kurator.shared.dir is not set (surefire sets it)");
    }
    Path p = Path.of(dir, "conformance", "telemetry", relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("missing conformance data: " + p);
    }
    return p;
  }
}
