/**
 * What plugin authors implement for rollouts: traffic routers ({@link dev.kurator.rollout.spi.TrafficRouter}) and
 * metric providers ({@link dev.kurator.rollout.spi.MetricProvider}).
 */
package dev.kurator.rollout.spi;
