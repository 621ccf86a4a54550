package dev.kurator.benchmarks.promql;

import dev.kurator.telemetry.promql.QueryOptions;
import dev.kurator.telemetry.promql.fleet.FleetPromqlEngine;
import dev.kurator.telemetry.promql.fleet.FleetPromqlEngine.FleetResult;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 10-cluster fleet (1,000 counter series and 100 histograms x 10 buckets per cluster), queried globally (raw
 * samples fetched from every cluster) and with pushdown (partial aggregates fetched). The set-up prints the JSON bytes
 * and samples the clusters send per query ({@code [fleet]} lines); the time includes the members' own evaluation,
 * which here runs in process.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class FleetPushdownBenchmark {

  @Param({"sum by (job) (rate(x_total[5m]))", "histogram_quantile(0.99, sum by (le) (rate(b_bucket[5m])))"})
  public String query;

  @Param({"GLOBAL", "PUSHDOWN"})
  public FleetPromqlEngine.Mode mode;

  private FleetPromqlEngine engine;

  @Setup(Level.Trial)
  public void setUp() {
    InProcessFleet fleet = new InProcessFleet();
    for (int c = 0; c < 10; c++) {
      fleet.add("c" + c, BenchData.generate(1_000, 1_000, "", 100 + c).source());
    }
    engine = FleetPromqlEngine.create(fleet, "cluster", QueryOptions.DEFAULTS, mode);
    FleetResult once = engine.instantQuery(query, Instant.ofEpochMilli(BenchData.QUERY_T));
    System.out.printf("%n[fleet] %s %s: %d bytes, %d samples moved per query, remote queries %s%n", mode, query,
        once.bytesFetched(), once.samplesFetched(), once.remoteQueries());
  }

  @Benchmark
  public FleetResult fleetQuery() {
    return engine.instantQuery(query, Instant.ofEpochMilli(BenchData.QUERY_T));
  }
}
