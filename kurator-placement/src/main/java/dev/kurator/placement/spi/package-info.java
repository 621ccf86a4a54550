/**
 * What plugin authors implement: {@link dev.kurator.placement.spi.FilterPlugin},
 * {@link dev.kurator.placement.spi.ScorePlugin}, {@link dev.kurator.placement.spi.ReplicaEstimator} and
 * {@link dev.kurator.placement.spi.DivisionStrategy}, all named by {@link dev.kurator.placement.spi.SchedulerPlugin}.
 * Implementations may be listed in {@code META-INF/services/dev.kurator.placement.spi.SchedulerPlugin} for opt-in
 * discovery.
 */
package dev.kurator.placement.spi;
