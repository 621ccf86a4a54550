package dev.kurator.policy;

import java.util.List;

/**
 * Outcome of running Kyverno CLI test cases ({@code kyverno-test.yaml}), counted per expected result row and
 * resource.
 *
 * @param passed rows whose expectation held (including rows the upstream runner counts as "Excluded")
 * @param failed rows whose expectation did not hold, or whose case could not be run
 * @param unsupported rows the engine declines, each with a reason in {@link #failures()} prefixed "unsupported:"
 * @param excluded rows that passed only because no rule produced a response (the upstream "Excluded" rule)
 * @param failures one line per failed or unsupported row: case, policy/rule/resource, expected vs actual
 * @param excludedRows one line per row counted as Excluded, with the result it expected
 */
public record CliTestReport(int passed, int failed, int unsupported, int excluded, List<String> failures,
    List<String> excludedRows) {

  /** Copies the lists. */
  public CliTestReport {
    failures = List.copyOf(failures);
    excludedRows = List.copyOf(excludedRows);
  }

  /** The summary line, e.g. {@code policy conformance: 10 passed, 0 failed, 0 unsupported}. */
  public String summary() {
    return "policy conformance: " + passed + " passed, " + failed + " failed, " + unsupported + " unsupported";
  }
}
