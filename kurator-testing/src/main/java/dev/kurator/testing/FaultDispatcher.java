package dev.kurator.testing;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a member's CRUD dispatcher with injected faults: delayed replies and scripted error replies. */
final class FaultDispatcher extends Dispatcher implements io.fabric8.kubernetes.client.server.mock.Resetable,
    io.fabric8.kubernetes.client.server.mock.CustomResourceAware {

  /** Fails the next {@code remaining} requests with {@code method} (any method when null) with {@code status}. */
  private record ScriptedFailure(String method, int status, AtomicInteger remaining) {}

  private final Dispatcher delegate;
  private final ConcurrentLinkedQueue<ScriptedFailure> failures = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Duration delay = Duration.ZERO;

  FaultDispatcher(Dispatcher delegate) {
    this.delegate = delegate;
  }

  void delay(Duration delay) {
    this.delay = delay;
  }

  void failNext(String method, int status, int times) {
    failures.add(new ScriptedFailure(method == null ? null : method.toUpperCase(Locale.ROOT), status,
        new AtomicInteger(times)));
  }

  void heal() {
    delay = Duration.ZERO;
    failures.clear();
  }

  /** Heals and forgets every stored object (the mock server's reset calls this). */
  @Override
  public void reset() {
    heal();
    if (delegate instanceof io.fabric8.kubernetes.client.server.mock.Resetable r) {
      r.reset();
    }
  }

  /** Lets the CRUD store serve a custom resource kind (and its API discovery). */
  @Override
  public void expectCustomResource(io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext context) {
    if (delegate instanceof io.fabric8.kubernetes.client.server.mock.CustomResourceAware aware) {
      aware.expectCustomResource(context);
    }
  }

  int requestCount() {
    return requests.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.incrementAndGet();
    MockResponse response = scripted(request);
    if (response == null) {
      response = delegate.dispatch(request);
    }
    Duration d = delay;
    if (!d.isZero()) {
      response.setBodyDelay(d);
    }
    return response;
  }

  private MockResponse scripted(RecordedRequest request) {
    for (ScriptedFailure f : failures) {
      if ((f.method() == null || f.method().equalsIgnoreCase(request.getMethod()))
          && f.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        String reason = switch (f.status()) {
          case 409 -> "Conflict";
          case 429 -> "TooManyRequests";
          case 503 -> "ServiceUnavailable";
          default -> "InternalError";
        };
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"code\":" + f.status()
            + ",\"reason\":\"" + reason + "\",\"message\":\"injected fault: HTTP " + f.status() + "\"}";
        return new MockResponse().setResponseCode(f.status()).setHeader("Content-Type", "application/json")
            .setBody(body);
      }
    }
    return null;
  }

  /** Not forwarded: a stopped (unreachable) cluster keeps its objects for when it comes back. */
  @Override
  public void shutdown() {
    // The delegate is shut down by close() only.
  }

  void close() {
    delegate.shutdown();
  }
}
