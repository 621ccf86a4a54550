package dev.kurator.telemetry.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.telemetry.promql.conformance.ScriptRunner.Outcome;
import dev.kurator.telemetry.promql.conformance.ScriptRunner.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import dev.kurator.testing.conformance.PeerSuites;
import org.junit.jupiter.api.Test;

/**
 * Runs every promqltest script under {@code conformance/telemetry/promql/} (recursively) and in the directory named
 * by {@code kurator.conformance.promql.dir}, and prints {@code promql conformance: N passed, M failed, K unsupported}.
 */
class PromqlConformanceTest {

  @Test
  void promqlScriptsPass() throws IOException {
    List<Path> files = new ArrayList<>();
    String extra = System.getProperty("kurator.conformance.promql.dir");
    boolean hasExtra = extra != null && !extra.isBlank();
    Optional<Path> peers = PeerSuites.find("telemetry/promql");
    if (peers.isPresent()) {
      files.addAll(testFiles(peers.get(), true));
    } else if (!hasExtra) {
      PeerSuites.require("telemetry/promql");
    }
    if (hasExtra) {
      files.addAll(testFiles(Path.of(extra), false));
    }
    assertThat(files).as("promql test scripts").isNotEmpty();
    ScriptRunner runner = new ScriptRunner();
    for (Path f : files) {
      runner.runFile(f);
    }
    List<Outcome> outcomes = runner.outcomes();
    long passed = outcomes.stream().filter(o -> o.verdict() == Verdict.PASSED).count();
    List<Outcome> failed = outcomes.stream().filter(o -> o.verdict() == Verdict.FAILED).toList();
    List<Outcome> unsupported = outcomes.stream().filter(o -> o.verdict() == Verdict.UNSUPPORTED).toList();
    Map<String, Long> reasons = unsupported.stream()
        .collect(Collectors.groupingBy(Outcome::detail, TreeMap::new, Collectors.counting()));
    StringBuilder report = new StringBuilder();
    reasons.forEach((r, n) -> report.append("promql unsupported (").append(n).append("): ").append(r).append('\n'));
    report.append("promql conformance: ").append(passed).append(" passed, ").append(failed.size())
        .append(" failed, ").append(unsupported.size()).append(" unsupported\n");
    for (Outcome o : failed) {
      report.append(o.file()).append(':').append(o.line()).append(": ").append(o.query()).append(": ")
          .append(o.detail()).append('\n');
    }
    System.out.print(report);
    assertThat(failed).as("failed promql conformance cases").isEmpty();
  }

  private static List<Path> testFiles(Path dir, boolean recursive) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
    }
  }
}
