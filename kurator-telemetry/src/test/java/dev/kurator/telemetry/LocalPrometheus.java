package dev.kurator.telemetry;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus server for tests: Debian's {@code prometheus} binary on a free loopback port, with its own
 * temporary data directory pre-loaded from OpenMetrics text via {@code promtool tsdb create-blocks-from openmetrics}
 * (deterministic, no scraping). {@link #close()} stops it with SIGTERM and deletes the directory.
 *
 * <p>Call {@link #assumeInstalled()} first: when the binaries are missing it skips the test with an install hint, or
 * fails it when the environment variable {@code CI} is set.
 *
 * <pre>{@code
 * LocalPrometheus.assumeInstalled();
 * try (LocalPrometheus p = LocalPrometheus.start("eu-1", openMetricsText)) {
 *   PrometheusApi api = PrometheusApi.http(p.uri(), HttpClient.newHttpClient());
 * }
 * }</pre>
 *
 * <p>Samples must be older than about an hour before "now" or inside a block range: promtool writes 2 h-aligned
 * blocks; queries must use the data's timestamps, not the wall clock. Retention is set to 100 years.
 */
public final class LocalPrometheus implements AutoCloseable {

  /** How to get the binaries, shown when they are missing. */
  public static final String INSTALL_HINT =
      "Real-Prometheus tests need the 'prometheus' and 'promtool' binaries on PATH: "
          + "apt-get install -y --no-install-recommends prometheus (Debian/Ubuntu), or download them from "
          + "https://prometheus.io/download/ ; .ci/run installs them.";

  private final String name;
  private final Path dir;
  private final Process process;
  private final URI uri;

  private LocalPrometheus(String name, Path dir, Process process, URI uri) {
    this.name = name;
    this.dir = dir;
    this.process = process;
    this.uri = uri;
  }

  /** Whether both {@code prometheus} and {@code promtool} are on PATH. */
  public static boolean installed() {
    return onPath("prometheus") && onPath("promtool");
  }

  /**
   * Skips the calling test (JUnit assumption) when the binaries are missing, or fails it when {@code CI} is set.
   */
  public static void assumeInstalled() {
    if (installed()) {
      return;
    }
    if (System.getenv("CI") != null) {
      throw new AssertionError("CI is set but Prometheus is missing. " + INSTALL_HINT);
    }
    Assumptions.abort(INSTALL_HINT);
  }

  private static boolean onPath(String binary) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    return Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, binary))
        .anyMatch(p -> Files.isRegularFile(p) && Files.isExecutable(p));
  }

  /** Starts a server holding {@code openMetrics} (which must end with {@code # EOF}), without external labels. */
  public static LocalPrometheus start(String name, String openMetrics) {
    return start(name, openMetrics, Map.of());
  }

  /**
   * Starts a server holding {@code openMetrics}, with the given {@code global.external_labels} (used by
   * {@code /federate} and remote write only; the query API does not return them).
   *
   * @throws IllegalStateException when promtool or Prometheus fail; the message carries their output
   */
  public static LocalPrometheus start(String name, String openMetrics, Map<String, String> externalLabels) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("kurator-prometheus-" + name + "-");
      Path data = dir.resolve("data");
      Files.createDirectories(data);
      if (!openMetrics.isBlank()) {
        Path input = dir.resolve("input.om.txt");
        Files.writeString(input, openMetrics, StandardCharsets.UTF_8);
        run(dir, List.of("promtool", "tsdb", "create-blocks-from", "openmetrics", "--quiet", input.toString(),
            data.toString()));
      }
      Path config = dir.resolve("prometheus.yml");
      String labels = externalLabels.entrySet().stream()
          .map(e -> "    " + e.getKey() + ": \"" + e.getValue() + "\"").collect(Collectors.joining("\n"));
      Files.writeString(config, "global:\n" + (labels.isEmpty() ? "" : "  external_labels:\n" + labels + "\n")
          + "scrape_configs: []\n");
      int port = freePort();
      Path log = dir.resolve("prometheus.log");
      Process p = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + data,
          "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:" + port)
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      URI uri = URI.create("http://127.0.0.1:" + port);
      LocalPrometheus server = new LocalPrometheus(name, dir, p, uri);
      try {
        server.awaitReady();
      } catch (RuntimeException | AssertionError e) {
        String output = Files.exists(log) ? Files.readString(log) : "";
        server.close();
        throw new IllegalStateException("Prometheus " + name + " did not become ready: " + e.getMessage()
            + "\n" + output, e);
      }
      return server;
    } catch (IOException e) {
      if (dir != null) {
        deleteRecursively(dir);
      }
      throw new UncheckedIOException("cannot start Prometheus " + name, e);
    }
  }

  private static void run(Path dir, List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private void awaitReady() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready = HttpRequest.newBuilder(uri.resolve("/-/ready")).timeout(Duration.ofSeconds(1)).build();
    await("Prometheus " + name + " ready at " + uri).atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("process exited with " + process.exitValue());
          }
          try {
            return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
          } catch (IOException e) {
            return false;
          }
        });
  }

  /** The server's base URI, e.g. {@code http://127.0.0.1:41234}. */
  public URI uri() {
    return uri;
  }

  /** The name given at start. */
  public String name() {
    return name;
  }

  /** Whether the process is still running. */
  public boolean isRunning() {
    return process.isAlive();
  }

  /** Stops the server (SIGTERM, then SIGKILL after 15 s) and deletes its directory. Idempotent. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  @Override
  public String toString() {
    return "LocalPrometheus[" + name + " at " + uri + "]";
  }
}
