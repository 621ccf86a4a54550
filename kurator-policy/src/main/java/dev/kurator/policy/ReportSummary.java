package dev.kurator.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.policy.internal.Json;

/**
 * Result counts in the PolicyReport {@code summary} shape.
 *
 * @param pass passing results
 * @param fail failing results
 * @param warn warnings
 * @param error errors
 * @param skip skipped results
 */
public record ReportSummary(int pass, int fail, int warn, int error, int skip) {
  /** No results. */
  public static final ReportSummary EMPTY = new ReportSummary(0, 0, 0, 0, 0);

  /** This summary plus one result of the given status. */
  public ReportSummary plus(RuleStatus status) {
    switch (status) {
      case PASS: return new ReportSummary(pass + 1, fail, warn, error, skip);
      case FAIL: return new ReportSummary(pass, fail + 1, warn, error, skip);
      case WARN: return new ReportSummary(pass, fail, warn + 1, error, skip);
      case ERROR: return new ReportSummary(pass, fail, warn, error + 1, skip);
      default: return new ReportSummary(pass, fail, warn, error, skip + 1);
    }
  }

  /** The sum of both summaries. */
  public ReportSummary plus(ReportSummary o) {
    return new ReportSummary(pass + o.pass, fail + o.fail, warn + o.warn, error + o.error, skip + o.skip);
  }

  /** All results counted. */
  public int total() {
    return pass + fail + warn + error + skip;
  }

  /** The {@code summary} object of a report. */
  public ObjectNode toJson() {
    ObjectNode o = Json.NODES.objectNode();
    o.put("pass", pass);
    o.put("fail", fail);
    o.put("warn", warn);
    o.put("error", error);
    o.put("skip", skip);
    return o;
  }
}
