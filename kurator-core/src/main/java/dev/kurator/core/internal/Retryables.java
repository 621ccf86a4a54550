package dev.kurator.core.internal;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Classifies failures of calls to member clusters. */
public final class Retryables {

  private Retryables() {}

  /** The HTTP status of a fabric8 failure, or 0 when there was no HTTP response. */
  public static int status(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof KubernetesClientException k && k.getCode() > 0) {
        return k.getCode();
      }
    }
    return 0;
  }

  /** Whether the failure came from the connection rather than from an HTTP reply (refused, reset, I/O). */
  public static boolean isConnectionFailure(Throwable t) {
    if (status(t) > 0) {
      return false;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException || c.getClass().getName().startsWith("io.netty.channel")
          || c.getClass().getName().startsWith("io.vertx.core.http")) {
        return true;
      }
      if (c instanceof InterruptedException || c instanceof TimeoutException) {
        return false;
      }
    }
    return false;
  }

  /** Whether a retry may succeed: connection errors, HTTP 429, 5xx and 409 conflicts. Timeouts are not retried. */
  public static boolean isRetryable(Throwable t) {
    if (t instanceof CallTimeoutException) {
      return false;
    }
    int status = status(t);
    return status == 409 || status == 429 || status >= 500 || isConnectionFailure(t);
  }

  /** Whether the failure says the member itself is sick (counts toward its circuit breaker). */
  public static boolean isMemberFailure(Throwable t) {
    return t instanceof CallTimeoutException || status(t) >= 500 || isConnectionFailure(t);
  }
}
