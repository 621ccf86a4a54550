package dev.kurator.placement.spi;

import java.util.Objects;

/**
 * The verdict of a filter plugin for one cluster, as Karmada's framework {@code Result}.
 *
 * @param code   success, unschedulable (the cluster does not fit) or error (the plugin failed)
 * @param reason why, empty on success
 */
public record FilterResult(Code code, String reason) {

  /** Verdict codes. */
  public enum Code { SUCCESS, UNSCHEDULABLE, ERROR }

  /** The shared success verdict. */
  public static final FilterResult SUCCESS = new FilterResult(Code.SUCCESS, "");

  public FilterResult {
    Objects.requireNonNull(code, "code");
    reason = reason == null ? "" : reason;
  }

  /** The cluster does not fit, because of {@code reason}. */
  public static FilterResult unschedulable(String reason) {
    return new FilterResult(Code.UNSCHEDULABLE, reason);
  }

  /** The plugin could not decide. The cluster is not used. */
  public static FilterResult error(String reason) {
    return new FilterResult(Code.ERROR, reason);
  }

  public boolean isSuccess() {
    return code == Code.SUCCESS;
  }
}
