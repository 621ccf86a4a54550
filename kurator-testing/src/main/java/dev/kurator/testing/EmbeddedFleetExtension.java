package dev.kurator.testing;

import dev.kurator.core.Fleet;
import dev.kurator.core.Resilience;
import dev.kurator.core.TaintEffect;
import java.time.Clock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives a test an {@link EmbeddedFleet}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static EmbeddedFleetExtension fleet = EmbeddedFleetExtension.of(3).labels("region", "eu", "eu", "us");
 *
 * @Test void propagatesToEuOnly() {
 *   fleet.get().apply(deployment).onClusters(Selector.labels("region=eu"));
 *   assertThat(fleet.get()).resource(deployment).existsExactlyOn("cluster-0", "cluster-1");
 * }
 * }</pre>
 *
 * <p>On a static field the fleet lives for the whole class (stored objects carry over between tests unless
 * {@link #resetEach()} is set; injected faults are healed before each test); on an instance field each test gets a
 * fresh fleet. Test methods may also
 * declare {@link Fleet} or {@link EmbeddedFleet} parameters.
 */
public final class EmbeddedFleetExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, ParameterResolver {

  private final EmbeddedFleet.Builder builder;
  private EmbeddedFleet running;
  private boolean perClass;
  private boolean resetEach;

  private EmbeddedFleetExtension(EmbeddedFleet.Builder builder) {
    this.builder = builder;
  }

  /** An extension starting {@code members} clusters named {@code cluster-0 ..}. */
  public static EmbeddedFleetExtension of(int members) {
    return new EmbeddedFleetExtension(EmbeddedFleet.builder().members(members));
  }

  /** Label {@code key} with one value per member, in member order. */
  public EmbeddedFleetExtension labels(String key, String... valuesPerMember) {
    builder.labels(key, valuesPerMember);
    return this;
  }

  /** One taint on one member. */
  public EmbeddedFleetExtension taint(String member, String key, String value, TaintEffect effect) {
    builder.taint(member, key, value, effect);
    return this;
  }

  /**
   * On a static field, deletes every stored object (and heals faults) before each test, so tests of a class share
   * the servers but not their state. Circuit breakers are not reset: use a fresh fleet to test them.
   */
  public EmbeddedFleetExtension resetEach() {
    this.resetEach = true;
    return this;
  }

  /** The fleet's resilience. */
  public EmbeddedFleetExtension resilience(Resilience resilience) {
    builder.resilience(resilience);
    return this;
  }

  /** The fleet's clock. */
  public EmbeddedFleetExtension clock(Clock clock) {
    builder.clock(clock);
    return this;
  }

  /**
   * The running fleet.
   *
   * @throws IllegalStateException outside a test
   */
  public Fleet get() {
    return embedded().fleet();
  }

  /** The running embedded fleet (servers, fault injection). @throws IllegalStateException outside a test */
  public EmbeddedFleet embedded() {
    if (running == null) {
      throw new IllegalStateException("the embedded fleet runs only while a test runs");
    }
    return running;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    running = builder.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (perClass && resetEach) {
      running.resetAll();
    } else if (perClass) {
      running.healAll();
    } else {
      running = builder.start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  private void stop() {
    if (running != null) {
      running.close();
      running = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Fleet.class || type == EmbeddedFleet.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (running == null) {
      throw new ParameterResolutionException("the embedded fleet is not running");
    }
    return parameter.getParameter().getType() == Fleet.class ? running.fleet() : running;
  }
}
