package dev.kurator.telemetry.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Thanos's penalty deduplication of HA replicas ({@code pkg/dedup/iter.go}) over forward-only iterators: a left fold
 * {@code dedup(dedup(r0, r1), r2)...}; of two replicas the earliest sample wins (ties go to the first); the replica not
 * picked must then skip samples earlier than {@code t + 1 + 2*(t - lastT)}, or {@code t + 1 + 5000} ms for the very
 * first pick. With counter adjustment on (the selector sits directly in {@code rate}, {@code irate},
 * {@code increase} or {@code resets}) a replica switch never lets the value drop.
 */
public final class PenaltyDedup {

  /** The first penalty, in milliseconds: sampling intervals are typically several seconds. */
  public static final long INITIAL_PENALTY_MILLIS = 5000;

  private PenaltyDedup() {
  }

  /**
   * Deduplicates replicas given as parallel arrays of timestamps (ms, ascending) and values.
   *
   * @param timestamps per replica, ascending
   * @param values     per replica, same lengths as {@code timestamps}
   * @param counter    whether to apply the counter adjustment at replica switches
   * @return {@code [timestamps, values]} of the merged series, as a {@code long[]} and a {@code double[]}
   */
  public static Merged dedup(List<long[]> timestamps, List<double[]> values, boolean counter) {
    if (timestamps.isEmpty()) {
      return new Merged(new long[0], new double[0]);
    }
    Iter it = new Leaf(timestamps.get(0), values.get(0), counter);
    for (int i = 1; i < timestamps.size(); i++) {
      it = new Dedup(it, new Leaf(timestamps.get(i), values.get(i), counter));
    }
    int capacity = 0;
    for (long[] ts : timestamps) {
      capacity = Math.max(capacity, ts.length);
    }
    long[] outT = new long[Math.max(capacity, 4)];
    double[] outV = new double[outT.length];
    int n = 0;
    while (it.next()) {
      if (n == outT.length) {
        outT = Arrays.copyOf(outT, n * 2);
        outV = Arrays.copyOf(outV, n * 2);
      }
      outT[n] = it.t();
      outV[n++] = it.v();
    }
    return new Merged(Arrays.copyOf(outT, n), Arrays.copyOf(outV, n));
  }

  /** The merged series: ascending timestamps (ms) and their values. */
  public record Merged(long[] timestamps, double[] values) {
  }

  /** A forward-only sample iterator whose values can be adjusted at replica switches. */
  private interface Iter {
    /** Moves to the next sample; false once exhausted. */
    boolean next();

    /** Moves to the first sample at or after {@code t}; no effect when the current one already is; never back. */
    boolean seek(long t);

    long t();

    double v();

    /** Counter adjustment: a replica whose value is below the last emitted value is raised by the difference. */
    void adjust(double lastValue);
  }

  private static final class Leaf implements Iter {
    private final long[] ts;
    private final double[] vs;
    private final boolean counter;
    private int i = -1;
    private double errAdjust;

    Leaf(long[] ts, double[] vs, boolean counter) {
      this.ts = ts;
      this.vs = vs;
      this.counter = counter;
    }

    @Override
    public boolean next() {
      if (i < ts.length) {
        i++;
      }
      return i < ts.length;
    }

    @Override
    public boolean seek(long t) {
      if (i < 0) {
        i = 0;
      }
      while (i < ts.length && ts[i] < t) {
        i++;
      }
      return i < ts.length;
    }

    @Override
    public long t() {
      return ts[i];
    }

    @Override
    public double v() {
      return vs[i] + errAdjust;
    }

    @Override
    public void adjust(double lastValue) {
      if (counter) {
        double v = v();
        if (lastValue > v) {
          errAdjust += lastValue - v;
        }
      }
    }
  }

  private static final class Dedup implements Iter {
    private final Iter a;
    private final Iter b;
    private boolean aok;
    private boolean bok;
    private long lastT = Long.MIN_VALUE;
    private Iter last;
    private long penA;
    private long penB;
    private boolean useA = true;

    Dedup(Iter a, Iter b) {
      this.a = a;
      this.b = b;
      this.last = a;
      this.aok = a.next();
      this.bok = b.next();
    }

    @Override
    public boolean next() {
      boolean hadValue = useA ? aok : bok;
      double lastValue = hadValue ? last.v() : 0;
      boolean wasA = useA;
      boolean result = advance();
      if (useA != wasA && hadValue) {
        // A replica switch: the newly used replica must not report a counter below what was already emitted.
        adjust(lastValue);
      }
      return result;
    }

    private boolean advance() {
      if (aok) {
        aok = a.seek(lastT + 1 + penA);
      }
      if (bok) {
        bok = b.seek(lastT + 1 + penB);
      }
      if (!aok) {
        useA = false;
        if (bok) {
          lastT = b.t();
          last = b;
          penB = 0;
        }
        return bok;
      }
      if (!bok) {
        useA = true;
        lastT = a.t();
        last = a;
        penA = 0;
        return true;
      }
      long ta = a.t();
      long tb = b.t();
      useA = ta <= tb;
      if (useA) {
        penB = lastT != Long.MIN_VALUE ? 2 * (ta - lastT) : INITIAL_PENALTY_MILLIS;
        penA = 0;
        lastT = ta;
        last = a;
      } else {
        penA = lastT != Long.MIN_VALUE ? 2 * (tb - lastT) : INITIAL_PENALTY_MILLIS;
        penB = 0;
        lastT = tb;
        last = b;
      }
      return true;
    }

    @Override
    public boolean seek(long t) {
      // As Thanos: walk with next() rather than the children's seek, so that gaps are not skipped over.
      while (true) {
        long ts = t();
        if (ts >= t) {
          return useA ? a.seek(ts) : b.seek(ts);
        }
        if (!next()) {
          return false;
        }
      }
    }

    @Override
    public long t() {
      return useA ? a.t() : b.t();
    }

    @Override
    public double v() {
      return last.v();
    }

    @Override
    public void adjust(double lastValue) {
      if (aok) {
        a.adjust(lastValue);
      }
      if (bok) {
        b.adjust(lastValue);
      }
    }
  }
}
