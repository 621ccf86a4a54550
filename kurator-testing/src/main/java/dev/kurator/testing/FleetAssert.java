package dev.kurator.testing;

import dev.kurator.core.Fleet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Arrays;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link Fleet}. */
public final class FleetAssert extends AbstractAssert<FleetAssert, Fleet> {

  FleetAssert(Fleet actual) {
    super(actual, FleetAssert.class);
  }

  /** Verifies the fleet's members are exactly these, in this order. */
  public FleetAssert hasMembers(String... names) {
    isNotNull();
    if (!actual.memberNames().equals(Arrays.asList(names))) {
      failWithMessage("Expected fleet <%s> to have members %s but had %s", actual.name(), Arrays.toString(names),
          actual.memberNames());
    }
    return this;
  }

  /** Assertions on where {@code resource} (by apiVersion, kind, namespace and name) lives in the fleet. */
  public FleetResourceAssert resource(HasMetadata resource) {
    isNotNull();
    return new FleetResourceAssert(actual, resource);
  }
}
