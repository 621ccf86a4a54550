package dev.kurator.benchmarks.placement;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Companion of {@link SchedulerBenchmark} for shared or overloaded machines, where wall-clock figures mostly measure
 * waiting for a CPU: runs the same decision on one thread and reports the thread's CPU time per decision
 * (mean, p50, p99) and decisions per CPU-second.
 *
 * <p>Usage: {@code java -cp <benchmarks classpath> dev.kurator.benchmarks.placement.SchedulerCpuTime
 * [clusters,...] [decisions-per-size]} (defaults {@code 100,1000,5000} and 20000 per 100 clusters,
 * scaled down for larger fleets), after 5 CPU-seconds of warm-up per size.
 */
public final class SchedulerCpuTime {

  /** CPU time spent warming up (JIT) per fleet size before measuring. */
  private static final long WARM_UP_CPU_NANOS = 5_000_000_000L;

  private SchedulerCpuTime() {}

  public static void main(String[] args) {
    String sizes = args.length > 0 ? args[0] : "100,1000,5000";
    int decisions = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    StringBuilder out = new StringBuilder(String.format("%-9s %10s %12s %12s %12s %16s%n", "clusters", "decisions",
        "cpu-mean-us", "cpu-p50-us", "cpu-p99-us", "decisions/cpu-s"));
    for (String size : sizes.split(",")) {
      SchedulerBenchmark b = new SchedulerBenchmark();
      b.clusters = Integer.parseInt(size.trim());
      b.setUp();
      int n = Math.max(200, decisions * 100 / Math.max(100, b.clusters));
      long warmUntil = mx.getCurrentThreadCpuTime() + WARM_UP_CPU_NANOS;
      for (int i = 0; i < n || mx.getCurrentThreadCpuTime() < warmUntil; i++) {
        b.decisionsPerSecond();
      }
      long[] cpu = new long[n];
      long total = 0;
      for (int i = 0; i < n; i++) {
        long t0 = mx.getCurrentThreadCpuTime();
        b.decisionsPerSecond();
        cpu[i] = mx.getCurrentThreadCpuTime() - t0;
        total += cpu[i];
      }
      Arrays.sort(cpu);
      out.append(String.format("%-9d %10d %12.1f %12.1f %12.1f %16.0f%n", b.clusters, n, total / 1e3 / n,
          cpu[n / 2] / 1e3, cpu[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e3, n / (total / 1e9)));
    }
    System.out.print(out);
  }
}
