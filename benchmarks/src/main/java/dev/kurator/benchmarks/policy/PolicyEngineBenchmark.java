package dev.kurator.benchmarks.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kurator.policy.AdmissionRequest;
import dev.kurator.policy.PodSecurityStandards;
import dev.kurator.policy.PolicyEngine;
import dev.kurator.policy.PolicyResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One resource evaluated against the 17 Pod Security Standards policies (restricted level, the size of Kyverno's
 * load-test set), on one thread. {@code throughput} gives resources per second; {@code latency} gives the per-resource
 * latency distribution (read p0.99). Resources rotate among compliant and violating Pods and Deployments.
 */
@State(Scope.Thread)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PolicyEngineBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private PolicyEngine engine;
  private final List<AdmissionRequest> requests = new ArrayList<>();
  private int next;

  /** Builds the engine and a rotation of 8 resources. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    engine = PolicyEngine.of(PodSecurityStandards.policies(PodSecurityStandards.Level.RESTRICTED));
    String good = "{\"securityContext\":{\"runAsNonRoot\":true,\"seccompProfile\":{\"type\":\"RuntimeDefault\"}},"
        + "\"containers\":[{\"name\":\"app\",\"image\":\"registry.io/app:1.%d\",\"securityContext\":"
        + "{\"allowPrivilegeEscalation\":false,\"capabilities\":{\"drop\":[\"ALL\"]}}},"
        + "{\"name\":\"sidecar\",\"image\":\"registry.io/proxy:2\",\"securityContext\":"
        + "{\"allowPrivilegeEscalation\":false,\"capabilities\":{\"drop\":[\"ALL\"]}}}],"
        + "\"volumes\":[{\"name\":\"cfg\",\"configMap\":{\"name\":\"cfg\"}}]}";
    String bad = "{\"hostNetwork\":true,\"volumes\":[{\"name\":\"h\",\"hostPath\":{\"path\":\"/etc\"}}],"
        + "\"containers\":[{\"name\":\"app\",\"image\":\"app:%d\",\"securityContext\":{\"privileged\":true,"
        + "\"capabilities\":{\"add\":[\"SYS_ADMIN\"]}}}]}";
    for (int i = 0; i < 4; i++) {
      String spec = String.format(i % 2 == 0 ? good : bad, i);
      JsonNode pod = JSON.readTree("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p" + i
          + "\",\"namespace\":\"apps\",\"labels\":{\"app\":\"a\"}},\"spec\":" + spec + "}");
      JsonNode deployment = JSON.readTree("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":"
          + "{\"name\":\"d" + i + "\",\"namespace\":\"apps\"},\"spec\":{\"replicas\":2,\"template\":{\"metadata\":"
          + "{\"labels\":{\"app\":\"a\"}},\"spec\":" + spec + "}}}");
      requests.add(AdmissionRequest.create(pod));
      requests.add(AdmissionRequest.create(deployment));
    }
  }

  private AdmissionRequest nextRequest() {
    AdmissionRequest r = requests.get(next);
    next = (next + 1) % requests.size();
    return r;
  }

  /** Resources per second (ops/s), one resource per operation. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public List<PolicyResponse> throughput() {
    return engine.evaluate(nextRequest());
  }

  /** Latency per resource; JMH reports the percentiles (p0.99) in microseconds. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<PolicyResponse> latency() {
    return engine.evaluate(nextRequest());
  }
}
