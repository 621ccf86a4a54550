package dev.kurator.rollout.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import dev.kurator.testing.conformance.TestResources;
import org.junit.jupiter.api.Test;

/**
 * Runs every rollout scenario of the shared conformance set, plus every {@code *.json} in the directory named by
 * {@code kurator.conformance.rollout.dir}, and prints the summary line the conformance contract asks for.
 */
class RolloutConformanceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyScenarioPasses() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(TestResources.file(RolloutConformanceTest.class, "/conformance/rollout/scenarios.json"));
    String extra = System.getProperty("kurator.conformance.rollout.dir");
    if (extra != null && !extra.isBlank()) {
      try (Stream<Path> s = Files.list(Path.of(extra))) {
        s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
      }
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Path file : files) {
      JsonNode root = JSON.readTree(file.toFile());
      JsonNode scenarios = root.isArray() ? root : root.path("scenarios");
      for (JsonNode scenario : scenarios) {
        outcomes.add(run(scenario));
      }
    }
    long passed = outcomes.stream().filter(o -> o.kind() == Outcome.Kind.PASSED).count();
    List<Outcome> failed = outcomes.stream().filter(o -> o.kind() == Outcome.Kind.FAILED).toList();
    List<Outcome> unsupported = outcomes.stream().filter(o -> o.kind() == Outcome.Kind.UNSUPPORTED).toList();
    StringBuilder report = new StringBuilder();
    report.append("rollout conformance: ").append(passed).append(" passed, ").append(failed.size())
        .append(" failed, ").append(unsupported.size()).append(" unsupported\n");
    for (Outcome o : failed) {
      report.append(o.id()).append(": ").append(o.detail()).append('\n');
    }
    for (Outcome o : unsupported) {
      report.append(o.id()).append(": unsupported (").append(o.detail()).append(")\n");
    }
    System.out.print(report);
    assertThat(failed).as(report.toString()).isEmpty();
  }

  static Outcome run(JsonNode scenario) {
    String id = scenario.path("id").asText("<no id>");
    try {
      switch (scenario.path("engine").asText()) {
        case "flagger" -> new FlaggerScenarioPlayer().play(scenario);
        case "argo-rollouts" -> new ArgoScenarioPlayer().play(scenario);
        default -> throw new Unsupported("engine " + scenario.path("engine").asText());
      }
      return Outcome.passed(id);
    } catch (Unsupported u) {
      return Outcome.unsupported(id, u.getMessage());
    } catch (Mismatch m) {
      return Outcome.failed(id, m.getMessage());
    } catch (RuntimeException e) {
      return Outcome.failed(id, "threw " + e);
    }
  }
}
