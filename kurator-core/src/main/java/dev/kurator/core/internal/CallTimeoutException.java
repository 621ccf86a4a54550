package dev.kurator.core.internal;

import dev.kurator.core.KuratorException;
import java.time.Duration;

/** A call to a member did not finish within the fleet's per-call timeout and was interrupted. */
public final class CallTimeoutException extends KuratorException {

  public CallTimeoutException(String cluster, Duration timeout) {
    super("call to cluster \"" + cluster + "\" timed out after " + timeout.toMillis() + " ms");
  }
}
