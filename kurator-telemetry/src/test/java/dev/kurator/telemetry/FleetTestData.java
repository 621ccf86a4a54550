package dev.kurator.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Deterministic OpenMetrics data for a small fleet: three clusters (eu-1, eu-2, us-1), us-1 served by an HA pair.
 * Each cluster's own data carries no cluster label (Prometheus's query API never returns external labels); the
 * reference data holds every cluster's series once, with the cluster label.
 */
public final class FleetTestData {

  /** First sample, on a 2 h block boundary so that promtool writes one block. */
  public static final long T0 = 1700006400L;
  /** Scrape interval in seconds. */
  public static final int STEP = 15;
  /** Samples per series (30 minutes). */
  public static final int N = 121;
  /** The last sample's time: the natural query time. */
  public static final Instant END = Instant.ofEpochSecond(T0 + (long) STEP * (N - 1));
  /** The window in which replica r0 of us-1 has no {@code ha_gauge} samples. */
  public static final long GAP_FROM = T0 + 600;
  public static final long GAP_TO = T0 + 1200;

  public static final List<String> CLUSTERS = List.of("eu-1", "eu-2", "us-1");

  private static final String[] LE_SECONDS = {"0.05", "0.1", "0.25", "0.5", "1", "+Inf"};
  private static final String[] LE_MILLIS = {"5", "10", "25", "50", "100", "250", "500", "+Inf"};

  private FleetTestData() {
  }

  /** The data of one cluster as its Prometheus holds it; {@code replica} 0 or 1 matters only for us-1. */
  public static String cluster(String cluster, int replica) {
    List<String> out = new ArrayList<>();
    series(out, cluster, "", replica);
    out.add("# EOF");
    return String.join("\n", out) + "\n";
  }

  /** Every cluster's series with the cluster label, us-1 once (its complete replica). */
  public static String reference() {
    List<String> out = new ArrayList<>();
    for (String c : CLUSTERS) {
      series(out, c, "cluster=\"" + c + "\",", 1);
    }
    out.add("# EOF");
    return String.join("\n", out) + "\n";
  }

  private static void series(List<String> out, String cluster, String extra, int replica) {
    int k = CLUSTERS.indexOf(cluster) + 1;
    for (String code : new String[] {"200", "500"}) {
      int per = code.equals("200") ? 10 * k : k;
      for (int i = 0; i < N; i++) {
        // eu-2's error counter restarts at 20 minutes: a counter reset.
        long v = k == 2 && code.equals("500") && i >= 80 ? (long) per * (i - 80) : (long) per * i;
        out.add(line("http_requests_total", extra + "code=\"" + code + "\",job=\"api\"", v, i));
      }
    }
    for (int i = 0; i < N; i++) {
      out.add(line("node_cpu_usage", extra + "instance=\"n1\",job=\"node\"", k + (i % 4) * 0.25, i));
    }
    for (int i = 0; i < N; i++) {
      long t = T0 + (long) STEP * i;
      boolean inGap = replica == 0 && t >= GAP_FROM && t < GAP_TO;
      if (k == 3 && !inGap) {
        out.add(line("ha_gauge", extra + "job=\"ha\"", 100 + i, i));
      }
    }
    histogram(out, "http_request_duration_seconds", extra + "job=\"api\",", LE_SECONDS, k, 1.0);
    histogram(out, "istio_request_duration_milliseconds", extra
        + "destination_workload=\"cart\",destination_workload_namespace=\"shop\",reporter=\"destination\",",
        LE_MILLIS, k, 10.0);
    for (String code : new String[] {"200", "503"}) {
      int per = code.equals("200") ? 20 * k : k;
      for (int i = 0; i < N; i++) {
        out.add(line("istio_requests_total", extra + "destination_workload=\"cart\","
            + "destination_workload_namespace=\"shop\",reporter=\"destination\",response_code=\"" + code + "\"",
            (long) per * i, i));
      }
    }
    for (String[] r : new String[][] {{"cpu", "core", String.valueOf(4 * k)}, {"memory", "byte",
        String.valueOf(8L * k * 1024 * 1024 * 1024)}}) {
      for (int i = 0; i < N; i++) {
        out.add(line("kube_node_status_allocatable", extra + "node=\"n1\",resource=\"" + r[0] + "\",unit=\""
            + r[1] + "\"", Double.parseDouble(r[2]), i));
      }
    }
    for (int i = 0; i < N; i++) {
      out.add(line("container_cpu_usage_seconds_total", extra + "container=\"cart\",namespace=\"shop\",pod=\"cart-1\"",
          i * STEP * 0.5 * k, i));
    }
    for (int i = 0; i < N; i++) {
      out.add(line("container_memory_working_set_bytes", extra + "container=\"cart\",namespace=\"shop\",pod=\"cart-1\"",
          (double) k * 512 * 1024 * 1024, i));
    }
  }

  private static void histogram(List<String> out, String name, String labels, String[] les, int k, double scale) {
    // Per scrape, each cluster observes 10 requests spread over the buckets; higher clusters are slower.
    int[][] perStep = {{2, 4, 7, 9, 10, 10, 10, 10}, {1, 2, 5, 8, 9, 10, 10, 10}, {0, 1, 3, 5, 7, 9, 10, 10}};
    for (int b = 0; b < les.length; b++) {
      for (int i = 0; i < N; i++) {
        int perBucket = b == les.length - 1 ? 10 : perStep[k - 1][Math.min(b, 7)];
        out.add(line(name + "_bucket", labels + "le=\"" + les[b] + "\"", (long) perBucket * i, i));
      }
    }
    for (int i = 0; i < N; i++) {
      out.add(line(name + "_count", labels.substring(0, labels.length() - 1), 10L * i, i));
    }
    for (int i = 0; i < N; i++) {
      out.add(line(name + "_sum", labels.substring(0, labels.length() - 1), 0.3 * k * scale * i, i));
    }
  }

  private static String line(String name, String labels, double value, int i) {
    String v = value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%s", value);
    return name + "{" + labels + "} " + v + " " + (T0 + (long) STEP * i);
  }
}
