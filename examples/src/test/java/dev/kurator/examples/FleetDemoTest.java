package dev.kurator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FleetDemoTest {

  @Test
  void printsOneRowPerClusterForEachStep() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FleetDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out).contains("Embedded fleet \"demo\": [cluster-0, cluster-1, cluster-2]");
    assertThat(out).containsPattern("cluster-0 +apps/v1 Deployment shop/web +\\d+ +created");
    assertThat(out).containsPattern("cluster-2 +apps/v1 Deployment shop/web +\\d+ +unchanged");
    assertThat(out).containsPattern("cluster-1 +eu +4");
    assertThat(out).containsPattern("cluster-2 +us +2");
    assertThat(out).containsPattern("cluster-2 +apps/v1 Deployment shop/web +\\d+ +failed after 3 attempts");
    assertThat(out).contains("Health: fleet demo: DEGRADED, 2 ready, 1 unready");
  }
}
