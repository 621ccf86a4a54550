/** Implementation of the PromQL engine: lexer, parser, evaluator and functions. No compatibility promise. */
package dev.kurator.telemetry.promql.internal;
