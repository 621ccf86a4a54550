package dev.kurator.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.kurator.telemetry.internal.GoFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the Prometheus HTTP API's JSON exactly: values as strings ({@code "NaN"}, {@code "+Inf"},
 * {@code "-Inf"} included), timestamps as seconds with millisecond precision, the envelope with {@code errorType},
 * {@code error}, {@code warnings} and {@code infos}. What {@link #write} produces for a parsed Prometheus answer is
 * byte for byte what Prometheus sent (fields in Prometheus's order, numbers in Go's formatting), so a host can
 * re-serve fleet results to any Prometheus API client.
 */
public final class PrometheusJson {

  private static final ObjectMapper STATS_MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();
  private static final JsonFactory FACTORY = STATS_MAPPER.getFactory();

  private PrometheusJson() {
  }

  /**
   * Parses a {@code /api/v1/query} or {@code /api/v1/query_range} answer (success or error envelope).
   *
   * @throws PrometheusApiException when the text is not a well-formed Prometheus answer
   */
  public static ApiResponse<QueryData> parseQuery(String json) {
    return parse(json, PrometheusJson::readQueryData);
  }

  /**
   * Parses a {@code /api/v1/series} answer.
   *
   * @throws PrometheusApiException when the text is not a well-formed Prometheus answer
   */
  public static ApiResponse<List<Labels>> parseSeries(String json) {
    return parse(json, (p, stats) -> {
      expect(p, JsonToken.START_ARRAY, "data");
      List<Labels> out = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        out.add(readLabels(p));
      }
      return out;
    });
  }

  /**
   * Parses a {@code /api/v1/labels} or {@code /api/v1/label/<name>/values} answer.
   *
   * @throws PrometheusApiException when the text is not a well-formed Prometheus answer
   */
  public static ApiResponse<List<String>> parseStrings(String json) {
    return parse(json, (p, stats) -> {
      expect(p, JsonToken.START_ARRAY, "data");
      List<String> out = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        expect(p, JsonToken.VALUE_STRING, "data[]");
        out.add(p.getText());
      }
      return out;
    });
  }

  /**
   * Writes an answer in Prometheus's JSON shape. The payload may be a {@link QueryData}, a list of {@link Labels}
   * (series) or a list of strings (label names or values).
   *
   * @throws IllegalArgumentException for another payload type
   */
  public static String write(ApiResponse<?> response) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("status", response.success() ? "success" : "error");
      if (response.data() != null) {
        g.writeFieldName("data");
        writeData(g, response.data(), response.stats());
      }
      if (response.errorType() != null) {
        g.writeStringField("errorType", response.errorType());
      }
      if (response.error() != null) {
        g.writeStringField("error", response.error());
      }
      writeStrings(g, "warnings", response.warnings());
      writeStrings(g, "infos", response.infos());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
    if (values.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void writeData(JsonGenerator g, Object data, JsonNode stats) throws IOException {
    if (data instanceof QueryData q) {
      g.writeStartObject();
      g.writeStringField("resultType", q.resultType().wireName());
      g.writeFieldName("result");
      if (q instanceof QueryData.Vector v) {
        g.writeStartArray();
        for (Sample s : v.samples()) {
          g.writeStartObject();
          writeLabels(g, "metric", s.metric());
          g.writeFieldName("value");
          writePoint(g, s.point());
          g.writeEndObject();
        }
        g.writeEndArray();
      } else if (q instanceof QueryData.Matrix m) {
        g.writeStartArray();
        for (Series s : m.series()) {
          g.writeStartObject();
          writeLabels(g, "metric", s.metric());
          g.writeArrayFieldStart("values");
          for (Point p : s.points()) {
            writePoint(g, p);
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
      } else if (q instanceof QueryData.Scalar s) {
        writePoint(g, s.point());
      } else if (q instanceof QueryData.Text t) {
        g.writeStartArray();
        g.writeRawValue(GoFormat.formatTimestamp(t.timestampMillis()));
        g.writeString(t.value());
        g.writeEndArray();
      }
      if (stats != null) {
        g.writeFieldName("stats");
        STATS_MAPPER.writeTree(g, stats);
      }
      g.writeEndObject();
    } else if (data instanceof List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        if (o instanceof Labels l) {
          writeLabelsObject(g, l);
        } else if (o instanceof String s) {
          g.writeString(s);
        } else {
          throw new IllegalArgumentException("cannot write list element of type " + o.getClass().getName());
        }
      }
      g.writeEndArray();
    } else {
      throw new IllegalArgumentException("cannot write data of type " + data.getClass().getName());
    }
  }

  private static void writeLabels(JsonGenerator g, String field, Labels labels) throws IOException {
    g.writeFieldName(field);
    writeLabelsObject(g, labels);
  }

  private static void writeLabelsObject(JsonGenerator g, Labels labels) throws IOException {
    g.writeStartObject();
    for (int i = 0; i < labels.size(); i++) {
      g.writeStringField(labels.name(i), labels.value(i));
    }
    g.writeEndObject();
  }

  private static void writePoint(JsonGenerator g, Point p) throws IOException {
    g.writeStartArray();
    g.writeRawValue(GoFormat.formatTimestamp(p.timestampMillis()));
    g.writeString(GoFormat.formatValue(p.value()));
    g.writeEndArray();
  }

  // ---- reading ----

  @FunctionalInterface
  private interface DataReader<T> {
    T read(JsonParser p, JsonNode[] stats) throws IOException;
  }

  private static <T> ApiResponse<T> parse(String json, DataReader<T> reader) {
    try (JsonParser p = FACTORY.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, "(root)", p);
      String status = null;
      T data = null;
      String errorType = null;
      String error = null;
      List<String> warnings = List.of();
      List<String> infos = List.of();
      JsonNode[] stats = new JsonNode[1];
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "status" -> status = text(p, "status");
          case "data" -> data = t == JsonToken.VALUE_NULL ? null : reader.read(p, stats);
          case "errorType" -> errorType = text(p, "errorType");
          case "error" -> error = text(p, "error");
          case "warnings" -> warnings = readStringArray(p, "warnings");
          case "infos" -> infos = readStringArray(p, "infos");
          default -> p.skipChildren();
        }
      }
      if ("success".equals(status)) {
        if (data == null) {
          throw malformed("data: missing in a successful answer");
        }
        return new ApiResponse<>(true, data, null, null, warnings, infos, stats[0]);
      }
      if ("error".equals(status)) {
        if (errorType == null || error == null) {
          throw malformed("errorType/error: missing in an error answer");
        }
        return new ApiResponse<>(false, data, errorType, error, warnings, infos, null);
      }
      throw malformed("status: was \"" + status + "\", must be success or error");
    } catch (IOException | IllegalArgumentException e) {
      throw new PrometheusApiException(null, null, 0, "not a Prometheus API answer: " + e.getMessage());
    }
  }

  private static QueryData readQueryData(JsonParser p, JsonNode[] stats) throws IOException {
    expect(p, JsonToken.START_OBJECT, "data");
    ResultType type = null;
    QueryData data = null;
    JsonParser buffered = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "resultType" -> type = ResultType.fromWireName(text(p, "data.resultType"));
        case "result" -> {
          if (type == null) {
            // resultType comes first in Prometheus's output; buffer the result when another writer reordered them.
            buffered = STATS_MAPPER.readTree(p).traverse(STATS_MAPPER);
            buffered.nextToken();
          } else {
            data = readResult(p, type);
          }
        }
        case "stats" -> stats[0] = STATS_MAPPER.readTree(p);
        default -> p.skipChildren();
      }
    }
    if (type == null) {
      throw malformed("data.resultType: missing");
    }
    if (data == null && buffered != null) {
      data = readResult(buffered, type);
    }
    if (data == null) {
      throw malformed("data.result: missing");
    }
    return data;
  }

  private static QueryData readResult(JsonParser p, ResultType type) throws IOException {
    return switch (type) {
      case SCALAR -> new QueryData.Scalar(readPoint(p, "data.result"));
      case STRING -> {
        expect(p, JsonToken.START_ARRAY, "data.result");
        p.nextToken();
        long t = GoFormat.secondsToMillis(p.getDecimalValue());
        p.nextToken();
        String s = text(p, "data.result[1]");
        expect(p.nextToken(), JsonToken.END_ARRAY, "data.result", p);
        yield new QueryData.Text(t, s);
      }
      case VECTOR -> {
        expect(p, JsonToken.START_ARRAY, "data.result");
        List<Sample> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          Labels metric = Labels.empty();
          Point point = null;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
              case "metric" -> metric = readLabels(p);
              case "value" -> point = readPoint(p, "data.result[" + out.size() + "].value");
              case "histogram" -> throw malformed("data.result[" + out.size() + "]: native histograms are not supported");
              default -> p.skipChildren();
            }
          }
          if (point == null) {
            throw malformed("data.result[" + out.size() + "].value: missing");
          }
          out.add(new Sample(metric, point));
        }
        yield new QueryData.Vector(out);
      }
      case MATRIX -> {
        expect(p, JsonToken.START_ARRAY, "data.result");
        List<Series> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          Labels metric = Labels.empty();
          List<Point> points = new ArrayList<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
              case "metric" -> metric = readLabels(p);
              case "values" -> {
                expect(p, JsonToken.START_ARRAY, "data.result[" + out.size() + "].values");
                while (p.nextToken() != JsonToken.END_ARRAY) {
                  points.add(readPoint(p, "data.result[" + out.size() + "].values[" + points.size() + "]"));
                }
              }
              case "histograms" -> throw malformed("data.result[" + out.size() + "]: native histograms are not supported");
              default -> p.skipChildren();
            }
          }
          out.add(new Series(metric, points));
        }
        yield new QueryData.Matrix(out);
      }
    };
  }

  private static Point readPoint(JsonParser p, String path) throws IOException {
    expect(p, JsonToken.START_ARRAY, path);
    JsonToken t = p.nextToken();
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw malformed(path + "[0]: was " + t + ", must be a timestamp in seconds");
    }
    long ts = GoFormat.secondsToMillis(p.getDecimalValue());
    p.nextToken();
    String v = text(p, path + "[1]");
    double value;
    try {
      value = GoFormat.parseValue(v);
    } catch (NumberFormatException e) {
      throw malformed(path + "[1]: was \"" + v + "\", must be a number");
    }
    expect(p.nextToken(), JsonToken.END_ARRAY, path, p);
    return new Point(ts, value);
  }

  private static Labels readLabels(JsonParser p) throws IOException {
    expect(p, JsonToken.START_OBJECT, "metric");
    Map<String, String> map = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      map.put(name, text(p, "metric." + name));
    }
    return Labels.of(map);
  }

  private static List<String> readStringArray(JsonParser p, String path) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return List.of();
    }
    expect(p, JsonToken.START_ARRAY, path);
    List<String> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      out.add(text(p, path + "[" + out.size() + "]"));
    }
    return out;
  }

  private static String text(JsonParser p, String path) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw malformed(path + ": was " + p.currentToken() + ", must be a string");
    }
    return p.getText();
  }

  private static void expect(JsonParser p, JsonToken want, String path) {
    expect(p.currentToken(), want, path, p);
  }

  private static void expect(JsonToken got, JsonToken want, String path, JsonParser p) {
    if (got != want) {
      throw malformed(path + ": was " + got + ", expected " + want + " at " + p.currentLocation().offsetDescription());
    }
  }

  private static IllegalArgumentException malformed(String message) {
    return new IllegalArgumentException(message);
  }
}
