/**
 * Prometheus exposition formats: a parser for text 0.0.4 and OpenMetrics 1.0
 * ({@link dev.kurator.telemetry.exposition.ExpositionParser}) and a scraper for endpoints where no Prometheus runs
 * ({@link dev.kurator.telemetry.exposition.Scraper}).
 */
package dev.kurator.telemetry.exposition;
