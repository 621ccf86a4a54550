package dev.kurator.rollout.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.kurator.rollout.Analysis;
import dev.kurator.rollout.CanaryPhase;
import dev.kurator.rollout.CanarySpec;
import dev.kurator.rollout.HookType;
import dev.kurator.rollout.Webhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

@WireMockTest
class HttpWebhooksTest {

  private static final CanarySpec CANARY = CanarySpec.of("podinfo", "test", Analysis.canary(10, 50, 2));
  private final HttpWebhooks webhooks = new HttpWebhooks(HttpClient.newHttpClient());

  private static Webhook hook(WireMockRuntimeInfo wm, String path) {
    return new Webhook("gate", HookType.CONFIRM_ROLLOUT, URI.create(wm.getHttpBaseUrl() + path),
        Duration.ofSeconds(10), 0, Map.of("token", "s3cret"));
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({"200,true", "201,true", "202,true", "204,false", "301,false", "403,false", "500,false"})
  void succeedsOnlyFor200To202(int status, boolean ok, WireMockRuntimeInfo wm) {
    stubFor(post(urlEqualTo("/gate")).willReturn(aResponse().withStatus(status)));
    assertThat(webhooks.call(hook(wm, "/gate"), CANARY, CanaryPhase.PROGRESSING, "abc")).isEqualTo(ok);
  }

  @Test
  void postsFlaggersPayload(WireMockRuntimeInfo wm) {
    stubFor(post(urlEqualTo("/gate")).willReturn(aResponse().withStatus(200)));
    webhooks.call(hook(wm, "/gate"), CANARY, CanaryPhase.WAITING, "abc");
    verify(postRequestedFor(urlEqualTo("/gate")).withRequestBody(equalToJson(
        "{\"name\":\"podinfo\",\"namespace\":\"test\",\"phase\":\"Waiting\",\"checksum\":\"abc\","
            + "\"metadata\":{\"token\":\"s3cret\"}}")));
  }

  @Test
  void aSlowHookPastItsTimeoutFails(WireMockRuntimeInfo wm) {
    stubFor(post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
    Webhook slow = hook(wm, "/slow").withTimeout(Duration.ofMillis(200));
    assertThat(webhooks.call(slow, CANARY, CanaryPhase.PROGRESSING, "abc")).isFalse();
  }

  @Test
  void retriesAfterAFailure(WireMockRuntimeInfo wm) {
    stubFor(post(urlEqualTo("/flaky")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
    stubFor(post(urlEqualTo("/flaky")).inScenario("flaky").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(200)));
    Webhook once = hook(wm, "/flaky");
    Webhook twice = new Webhook(once.name(), once.type(), once.url(), once.timeout(), 1, once.metadata());
    assertThat(webhooks.call(twice, CANARY, CanaryPhase.PROGRESSING, "abc")).isTrue();
  }

  @Test
  void anUnreachableHookFails() {
    Webhook down = new Webhook("down", HookType.ROLLOUT, URI.create("http://127.0.0.1:9/"), Duration.ofMillis(300), 0,
        Map.of());
    assertThat(webhooks.call(down, CANARY, CanaryPhase.PROGRESSING, "abc")).isFalse();
  }

  @Test
  void toStringNeverShowsMetadataValues(WireMockRuntimeInfo wm) {
    assertThat(hook(wm, "/gate").toString()).contains("token").doesNotContain("s3cret");
  }
}
