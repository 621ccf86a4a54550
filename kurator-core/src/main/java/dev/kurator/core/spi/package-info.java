/**
 * What plugin authors implement to take part in fleet operations.
 *
 * <ul>
 *   <li>{@link dev.kurator.core.spi.AdmissionGate}: reviews every (cluster, resource) variant of a fan-out apply
 *       or delete before anything is written, with {@link dev.kurator.core.spi.AdmissionRequest} in (cluster name
 *       and labels, operation CREATE/UPDATE/DELETE, the object and the live object) and
 *       {@link dev.kurator.core.spi.AdmissionReview} out (allowed, possibly mutated object, one
 *       {@link dev.kurator.core.spi.RuleResult} per rule). A single denial anywhere means nothing is written
 *       anywhere; the fan-out result reports {@code Denied} (with the rules) for the denied variants and
 *       {@code Skipped} for the rest. A gate that throws denies the variant (fail closed). Used as
 *       {@code fleet.apply(resources).through(gate).onAllClusters()}; the policy module's Kyverno engine
 *       implements it.</li>
 *   <li>{@link dev.kurator.core.spi.SnapshotContributor}: fills a member's
 *       {@link dev.kurator.core.ClusterSnapshot} (resource summary, API enablements) when the fleet builds its
 *       snapshot for placement.</li>
 * </ul>
 */
package dev.kurator.core.spi;
