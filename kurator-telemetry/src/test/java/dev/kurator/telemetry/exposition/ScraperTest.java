package dev.kurator.telemetry.exposition;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.kurator.telemetry.PrometheusApiException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

@WireMockTest
class ScraperTest {

  private final Scraper scraper = new Scraper(HttpClient.newHttpClient(), Duration.ofSeconds(5));

  @Test
  void parsesByContentTypeAndAsksForOpenMetricsFirst(WireMockRuntimeInfo wm) throws Exception {
    wm.getWireMock().register(get(urlEqualTo("/om")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8")
        .withBody("# TYPE jobs counter\njobs_total 3 1700000000.5\n# EOF\n")));
    wm.getWireMock().register(get(urlEqualTo("/text")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/plain; version=0.0.4").withBody("# TYPE up gauge\nup 1 1700000000500\n")));
    List<MetricFamily> om = scraper.scrape(URI.create(wm.getHttpBaseUrl() + "/om")).get();
    List<MetricFamily> text = scraper.scrape(URI.create(wm.getHttpBaseUrl() + "/text")).get();
    assertThat(om.get(0).type()).isEqualTo(MetricType.COUNTER);
    assertThat(om.get(0).samples().get(0).timestampMillis()).isEqualTo(1700000000500L);
    assertThat(text.get(0).samples().get(0).timestampMillis()).isEqualTo(1700000000500L);
    wm.getWireMock().verifyThat(getRequestedFor(urlEqualTo("/om"))
        .withHeader("Accept", containing("application/openmetrics-text;version=1.0.0")));
  }

  @Test
  void failedScrapeCarriesTheStatus(WireMockRuntimeInfo wm) {
    wm.getWireMock().register(get(urlEqualTo("/metrics")).willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> scraper.scrape(URI.create(wm.getHttpBaseUrl() + "/metrics")).get())
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(PrometheusApiException.class)
        .hasMessageContaining("scrape failed (HTTP 503)");
  }
}
