package dev.kurator.benchmarks.promql;

import dev.kurator.telemetry.promql.Expr;
import dev.kurator.telemetry.promql.PromqlEngine;
import dev.kurator.telemetry.promql.QueryOptions;
import dev.kurator.telemetry.promql.QueryResult;
import dev.kurator.telemetry.promql.SeriesSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The PromQL engine against a real Prometheus 2.42 (Debian's binary, started in the same run on the same data, which
 * promtool backfills) for two instant queries over 10,000 series, each reading 20 samples per series (a 5 m window at
 * 15 s): {@code sum by (job) (rate(x_total[5m]))} and
 * {@code histogram_quantile(0.99, sum by (le) (rate(b_bucket[5m])))} (1,000 histograms x 10 buckets).
 *
 * <p>Samples per second = 200,000 samples read per query x queries per second. The Prometheus figure includes its
 * HTTP round trip and JSON encoding on loopback (small: one or twenty result series). Without the {@code prometheus}
 * and {@code promtool} binaries the {@code prometheus} benchmark fails its setup and only the engine runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PromqlVsPrometheusBenchmark {

  /** Samples each query reads: 10,000 series x 20 samples in (t-5m, t]. */
  public static final long SAMPLES_PER_QUERY = 10_000L * 20;

  @Param({"sum by (job) (rate(x_total[5m]))", "histogram_quantile(0.99, sum by (le) (rate(b_bucket[5m])))"})
  public String query;

  private SeriesSource source;
  private Expr expr;
  private final PromqlEngine engine = PromqlEngine.create(QueryOptions.DEFAULTS);
  private Path dir;
  private Process prometheus;
  private HttpClient http;
  private URI queryUri;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    BenchData data = BenchData.generate(10_000, 10_000, "", 42);
    source = data.source();
    expr = Expr.parse(query);
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    dir = Files.createTempDirectory("promql-bench");
    Path om = dir.resolve("data.om.txt");
    data.writeOpenMetrics(om);
    Path tsdb = dir.resolve("tsdb");
    run(List.of("promtool", "tsdb", "create-blocks-from", "openmetrics", om.toString(), tsdb.toString()));
    Files.delete(om);
    Files.writeString(dir.resolve("prometheus.yml"), "global: {scrape_interval: 1h}\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    prometheus = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + tsdb, "--storage.tsdb.retention.time=100y",
        "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    URI base = URI.create("http://127.0.0.1:" + port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          break;
        }
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("prometheus did not become ready");
      }
      Thread.onSpinWait();
    }
    queryUri = base.resolve("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
        + "&time=" + (BenchData.QUERY_T / 1000.0));
    String answer = prometheus();
    if (!answer.contains("\"success\"")) {
      throw new IllegalStateException("prometheus answered " + answer);
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command + " failed: " + out);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      prometheus.waitFor(20, TimeUnit.SECONDS);
      prometheus.destroyForcibly();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The engine over the in-memory data. */
  @Benchmark
  public QueryResult kurator() {
    return engine.instantQuery(source, expr, BenchData.QUERY_T, () -> false);
  }

  /** Prometheus 2.42 over HTTP on loopback. */
  @Benchmark
  public String prometheus() throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(queryUri).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
