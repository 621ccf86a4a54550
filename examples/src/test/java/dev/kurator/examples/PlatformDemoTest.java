package dev.kurator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlatformDemoTest {

  @Test
  void schedulesGatesPropagatesAndAuditsAcrossTheFleet() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PlatformDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    // Placement: static weights eu:2 us:1 over 10 replicas; the tainted edge cluster is filtered with its reason.
    assertThat(out).contains("shop/web: SCHEDULED");
    assertThat(out).containsPattern("eu-1 +selected .* 4 +-");
    assertThat(out).containsPattern("eu-2 +selected .* 4 +-");
    assertThat(out).containsPattern("us-1 +selected .* 2 +-");
    assertThat(out).containsPattern("edge-1 +filtered +TaintToleration .*untolerated taint \\{edge=true:NoSchedule}");

    // The gate denies the privileged variant on every selected cluster.
    assertThat(out).containsPattern("eu-1 +apps/v1 Deployment shop/web +\\d+ +denied by kyverno: .*privileged");
    assertThat(out).containsPattern("us-1 +apps/v1 Deployment shop/web +\\d+ +denied by kyverno: .*privileged");

    // Nothing was written by the denied apply: the propagation creates the Deployment.
    assertThat(out).containsPattern("eu-1 +OK +\\[Deployment shop/web \\(apps/v1\\) CREATED]");

    // Propagation writes the divided replicas and the per-region image; edge-1 gets nothing.
    assertThat(out).containsPattern("eu-1 +4 +registry.example.com/shop/web:1.4");
    assertThat(out).containsPattern("us-1 +2 +mirror.us.example.com/shop/web:1.4");
    assertThat(out).containsPattern("edge-1 +- +-");
    assertThat(out).containsPattern("us-1 +OK +\\[Deployment shop/web \\(apps/v1\\) UNCHANGED]");

    // The audit sees the compliant Deployment pass on the three clusters that run it.
    assertThat(out).containsPattern("eu-2 +\\d+ +0 +0");
  }
}
