/** Kurator examples. */
package dev.kurator.examples;
