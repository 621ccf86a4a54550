/** Kurator benchmarks. */
package dev.kurator.benchmarks;
