package dev.kurator.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeduplicationTest {

  private static final List<String> FAILURES = new ArrayList<>();
  private static int passed;

  static Stream<JsonNode> vectors() throws IOException {
    JsonNode root = new ObjectMapper().readTree(SharedData.telemetry("dedup/vectors.json").toFile());
    List<JsonNode> cases = new ArrayList<>();
    root.get("cases").forEach(cases::add);
    assertThat(cases).isNotEmpty();
    return cases.stream();
  }

  private static List<Point> points(JsonNode pairs) {
    List<Point> out = new ArrayList<>();
    pairs.forEach(p -> out.add(new Point(p.get(0).asLong(), p.get(1).asDouble())));
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void thanosVectorsForwardOnlySeek(JsonNode c) {
    List<List<Point>> replicas = new ArrayList<>();
    c.get("replicas").forEach(r -> replicas.add(points(r)));
    List<Point> expected = points(c.get("expected_forward_only_seek"));
    List<Point> got = Deduplication.penalty(replicas, c.get("counter").asBoolean());
    if (got.equals(expected)) {
      passed++;
    } else {
      FAILURES.add(c.get("name").asText() + ": expected " + expected + " but got " + got);
    }
    assertThat(got).as(c.get("name").asText()).isEqualTo(expected);
  }

  @AfterAll
  static void summary() {
    System.out.println("dedup conformance: " + passed + " passed, " + FAILURES.size() + " failed, 0 unsupported");
    FAILURES.forEach(System.out::println);
  }

  @Test
  void singleMissedScrapeNeverSwitchesReplica() {
    List<Point> a = List.of(new Point(0, 1), new Point(15_000, 1), new Point(45_000, 1), new Point(60_000, 1));
    List<Point> b = List.of(new Point(1_000, 2), new Point(16_000, 2), new Point(31_000, 2), new Point(46_000, 2),
        new Point(61_000, 2));
    assertThat(Deduplication.penalty(List.of(a, b), false)).extracting(Point::value).containsOnly(1.0);
  }

  @Test
  void counterNeverDropsAtSwitchUnderCounterAdjustment() {
    // Replica a stops; b (lower counter, e.g. restarted) takes over: the value must not drop.
    List<Point> a = List.of(new Point(0, 100), new Point(10_000, 110), new Point(20_000, 120));
    List<Point> b = List.of(new Point(1_000, 5), new Point(11_000, 15), new Point(51_000, 20), new Point(61_000, 30));
    List<Point> adjusted = Deduplication.penalty(List.of(a, b), true);
    assertThat(adjusted).extracting(Point::timestampMillis).containsExactly(0L, 10_000L, 20_000L, 51_000L, 61_000L);
    assertThat(adjusted).extracting(Point::value).containsExactly(100.0, 110.0, 120.0, 120.0, 130.0);
    List<Point> raw = Deduplication.penalty(List.of(a, b), false);
    assertThat(raw).extracting(Point::value).containsExactly(100.0, 110.0, 120.0, 20.0, 30.0);
  }

  @Test
  void propertiesOnRandomReplicas() {
    Random r = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<List<Point>> replicas = new ArrayList<>();
      int n = 2 + r.nextInt(3);
      for (int k = 0; k < n; k++) {
        List<Point> ps = new ArrayList<>();
        long t = r.nextInt(20_000);
        for (int i = 0; i < 30; i++) {
          if (r.nextInt(5) > 0) {
            ps.add(new Point(t, k * 1000 + i));
          }
          t += 10_000 + r.nextInt(3) * 1000 - 1000;
        }
        replicas.add(ps);
      }
      List<Point> out = Deduplication.penalty(replicas, false);
      Set<Point> all = new java.util.HashSet<>();
      replicas.forEach(all::addAll);
      assertThat(all).containsAll(out);
      for (int i = 1; i < out.size(); i++) {
        assertThat(out.get(i).timestampMillis()).isGreaterThan(out.get(i - 1).timestampMillis());
      }
    }
  }

  @Test
  void dedupGroupsByLabelsWithoutReplicaLabelsAndSorts() {
    Series r0 = new Series(Labels.of("job", "b", "replica", "r0"), List.of(new Point(0, 1), new Point(10_000, 2)));
    Series r1 = new Series(Labels.of("job", "b", "replica", "r1"), List.of(new Point(0, 9), new Point(10_000, 9)));
    Series other = new Series(Labels.of("job", "a", "replica", "r1"), List.of(new Point(0, 5)));
    List<Series> out = Deduplication.dedup(List.of(r0, r1, other), Set.of("replica"), false);
    assertThat(out).extracting(Series::metric).containsExactly(Labels.of("job", "a"), Labels.of("job", "b"));
    assertThat(out.get(1).points()).extracting(Point::value).containsExactly(1.0, 2.0);

    List<Sample> vector = Deduplication.dedupVector(List.of(Sample.of(r1.metric(), 5, 9), Sample.of(r0.metric(), 5, 1),
        Sample.of(other.metric(), 5, 5)), Set.of("replica"));
    assertThat(vector).containsExactly(Sample.of(Labels.of("job", "b"), 5, 9), Sample.of(Labels.of("job", "a"), 5, 5));
    assertThat(Deduplication.isCounterFunction("rate")).isTrue();
    assertThat(Deduplication.isCounterFunction("delta")).isFalse();
  }
}
