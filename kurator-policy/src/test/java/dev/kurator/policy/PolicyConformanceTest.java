package dev.kurator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.kurator.testing.conformance.PeerSuites;
import org.junit.jupiter.api.Test;

/** Runs the Kyverno CLI conformance cases and prints the summary line. */
class PolicyConformanceTest {

  @Test
  void everyConformanceCaseHoldsItsExpectedResults() {
    List<Path> dirs = new ArrayList<>();
    String extra = System.getProperty("kurator.conformance.policy.dir");
    boolean hasExtra = extra != null && !extra.isBlank() && Files.isDirectory(Path.of(extra));
    Optional<Path> peers = PeerSuites.find("policy/cases");
    if (peers.isPresent()) {
      dirs.add(peers.get());
    } else if (!hasExtra) {
      PeerSuites.require("policy/cases");
    }
    if (hasExtra) {
      dirs.add(Path.of(extra));
    }
    assertThat(dirs).as("conformance directories").isNotEmpty();
    CliTestReport report = CliTestRunner.run(dirs);
    StringBuilder out = new StringBuilder();
    out.append("policy conformance note: ").append(report.excluded())
        .append(" rows passed only as Excluded (no rule response), as the upstream runner counts them\n");
    out.append(report.summary()).append('\n');
    report.failures().forEach(f -> out.append(f).append('\n'));
    report.excludedRows().forEach(f -> System.err.println("excluded: " + f));
    System.out.print(out);
    assertThat(report.passed() + report.failed()).as("rows run").isPositive();
    assertThat(report.failed()).as("failed rows:%n%s", String.join("\n", report.failures())).isZero();
  }
}
