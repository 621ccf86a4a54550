package dev.kurator.telemetry.promql.internal;

import dev.kurator.telemetry.promql.Labels;

/** Text forms Prometheus uses in its messages. */
final class PromFormat {
  private PromFormat() {}

  /** {@code {__name__="x", a="b"}} as Prometheus's Labels.String(). */
  static String labels(Labels l) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < l.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(l.name(i)).append('=').append(Lexer.goQuote(l.value(i)));
    }
    return sb.append('}').toString();
  }
}
