/**
 * Testing support for fleets: {@link dev.kurator.testing.EmbeddedFleet} (in-process API servers, one fabric8 CRUD
 * mock server per member, with fault injection), the JUnit 5 {@link dev.kurator.testing.EmbeddedFleetExtension}
 * and AssertJ assertions through {@link dev.kurator.testing.FleetAssertions}.
 */
package dev.kurator.testing;
