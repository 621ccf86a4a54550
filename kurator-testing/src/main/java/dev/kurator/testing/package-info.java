/** Kurator testing. */
package dev.kurator.testing;
