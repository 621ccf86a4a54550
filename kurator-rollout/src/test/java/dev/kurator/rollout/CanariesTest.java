package dev.kurator.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.core.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanariesTest {

  private static final String CANARY = """
      apiVersion: flagger.app/v1beta1
      kind: Canary
      metadata:
        name: podinfo
        namespace: test
      spec:
        provider: istio
        targetRef:
          apiVersion: apps/v1
          kind: Deployment
          name: podinfo
        progressDeadlineSeconds: 60
        service:
          port: 9898
        analysis:
          interval: 1m
          threshold: 5
          maxWeight: 50
          stepWeight: 10
          metrics:
          - name: request-success-rate
            thresholdRange:
              min: 99
            interval: 1m
          - name: request-duration
            thresholdRange:
              max: 500
            interval: 30s
          webhooks:
          - name: acceptance-test
            type: pre-rollout
            url: http://flagger-loadtester.test/
            timeout: 30s
            metadata:
              type: bash
              cmd: "curl -sd 'test' http://podinfo-canary:9898/token | grep token"
          - name: load-test
            url: http://flagger-loadtester.test/
            timeout: 5s
      """;

  @Test
  void loadsAFlaggerCanaryAsIs(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("canary.yaml");
    Files.writeString(file, CANARY);
    CanarySpec spec = Canaries.load(file);
    assertThat(spec.name()).isEqualTo("podinfo");
    assertThat(spec.namespace()).isEqualTo("test");
    assertThat(spec.servicePort()).isEqualTo(9898);
    assertThat(spec.progressDeadlineSeconds()).isEqualTo(60);
    Analysis a = spec.analysis();
    assertThat(a.interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(a.strategy()).isEqualTo(Strategy.CANARY);
    assertThat(a.metrics()).extracting(MetricCheck::name).containsExactly("request-success-rate", "request-duration");
    assertThat(a.metrics().get(1).interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(a.metrics().get(1).accepts(500)).isTrue();
    assertThat(a.metrics().get(1).accepts(500.5)).isFalse();
    assertThat(a.webhooks()).extracting(Webhook::type).containsExactly(HookType.PRE_ROLLOUT, HookType.ROLLOUT);
    assertThat(a.webhooks().get(0).timeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void rejectsABrokenCanaryNamingEveryFieldPath() {
    String broken = CANARY.replace("interval: 1m\n    threshold: 5", "threshold: -1")
        .replace("stepWeight: 10", "stepWeight: 10\n    stepWeights: [5, 3]")
        .replace("maxWeight: 50", "maxWeight: 150")
        .replace("type: pre-rollout", "type: before-rollout")
        .replace("interval: 30s", "interval: soon");
    assertThatThrownBy(() -> Canaries.parse(broken)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("spec.analysis.interval: was null, must be set")
        .hasMessageContaining("spec.analysis.webhooks[0].type: was \"before-rollout\"")
        .hasMessageContaining("spec.analysis.metrics[1].interval: was \"soon\", must be a duration");
    String semantic = CANARY.replace("threshold: 5", "threshold: -1")
        .replace("stepWeight: 10", "stepWeight: 10\n    stepWeights: [5, 3]")
        .replace("maxWeight: 50", "maxWeight: 150");
    assertThatThrownBy(() -> Canaries.parse(semantic)).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(ValidationException.Problem::path)
            .containsExactly("spec.analysis.threshold", "spec.analysis.maxWeight", "spec.analysis.stepWeights[1]",
                "spec.analysis.stepWeights"));
  }

  @Test
  void rejectsNegativeWeightsAndAMissingStepWeight() {
    assertThatThrownBy(() -> Canaries.parse(CANARY.replace("stepWeight: 10", "stepWeight: -10")))
        .hasMessageContaining("spec.analysis.stepWeight: was -10, must be between 0 and 100");
    assertThatThrownBy(() -> Canaries.parse(CANARY.replace("    stepWeight: 10\n", "")))
        .hasMessageContaining("spec.analysis.stepWeight: was 0, must be positive unless stepWeights is set");
  }

  private static final String APPLICATION = """
      apiVersion: apps.kurator.dev/v1alpha1
      kind: Application
      metadata:
        name: rollout-demo
        namespace: default
      spec:
        syncPolicies:
        - destination:
            fleet: quickstart
          rollout:
            testLoader: true
            trafficRoutingProvider: istio
            workload:
              apiVersion: apps/v1
              name: backend
              kind: Deployment
              namespace: webapp
            serviceName: backend
            port: 9898
            rolloutPolicy:
              trafficRouting:
                timeoutSeconds: 60
                canaryStrategy:
                  maxWeight: 50
                  stepWeight: 10
              trafficAnalysis:
                checkIntervalSeconds: 90
                checkFailedTimes: 2
                metrics:
                - name: request-success-rate
                  intervalSeconds: 90
                  thresholdRange:
                    min: 99
                - name: error-budget
                  intervalSeconds: 60
                webhooks:
                  timeoutSeconds: 60
                  command:
                  - "hey -z 1m -q 10 -c 2 http://backend-canary.webapp:9898/"
              rolloutTimeoutSeconds: 600
      """;

  @Test
  void rendersAKuratorRolloutConfigIntoTheSameModel() {
    CanarySpec spec = Canaries.parse(APPLICATION);
    assertThat(spec.name()).isEqualTo("backend");
    assertThat(spec.namespace()).isEqualTo("webapp");
    assertThat(spec.servicePort()).isEqualTo(9898);
    assertThat(spec.progressDeadlineSeconds()).isEqualTo(600);
    Analysis a = spec.analysis();
    assertThat(a.interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(a.threshold()).isEqualTo(2);
    assertThat(a.maxWeight()).isEqualTo(50);
    assertThat(a.stepWeight()).isEqualTo(10);
    assertThat(a.metrics().get(1).templateRef()).contains("webapp/error-budget");
    Webhook hook = a.webhooks().get(0);
    assertThat(hook.name()).isEqualTo("generated-testload-0");
    assertThat(hook.type()).isEqualTo(HookType.ROLLOUT);
    assertThat(hook.url().toString()).isEqualTo("http://backend-testloader.webapp/");
    assertThat(hook.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(hook.metadata()).containsEntry("type", "cmd");
  }

  @Test
  void rejectsKuratorConfigsKuratorWouldDereferenceAsNil() {
    String broken = APPLICATION.replace("          checkFailedTimes: 2\n", "")
        .replace("            intervalSeconds: 60\n", "")
        .replace("            timeoutSeconds: 60\n            command", "            command")
        .replace("            stepWeight: 10", "            stepWeight: 10\n            stepWeights: [1, 10]");
    assertThatThrownBy(() -> Canaries.parseApplication(broken)).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(ValidationException.Problem::path)
            .containsExactlyInAnyOrder(
                "spec.syncPolicies[0].rollout.rolloutPolicy.trafficRouting.canaryStrategy.stepWeights",
                "spec.syncPolicies[0].rollout.rolloutPolicy.trafficAnalysis.checkFailedTimes",
                "spec.syncPolicies[0].rollout.rolloutPolicy.trafficAnalysis.metrics[1].intervalSeconds",
                "spec.syncPolicies[0].rollout.rolloutPolicy.trafficAnalysis.webhooks.timeoutSeconds"));
  }

  @Test
  void theAnalysisBuilderChecksEveryFieldAtBuild() {
    Analysis a = Analysis.builder().interval(Duration.ofSeconds(30)).stepWeights(1, 10, 50).threshold(2)
        .metric(MetricCheck.range(MetricCheck.REQUEST_SUCCESS_RATE, 99.0, null)).build();
    assertThat(a.effectiveMaxWeight()).isEqualTo(50);
    assertThat(a.toBuilder().threshold(3).build().threshold()).isEqualTo(3);
    assertThatThrownBy(() -> Analysis.builder().stepWeights(10, 5).maxWeight(101)
        .webhook(Webhook.of("gate", HookType.CONFIRM_ROLLOUT, "ftp://gate.test/"))
        .webhook(Webhook.of("gate", HookType.ROLLOUT, "http://gate.test/")).build())
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(ValidationException.Problem::path)
            .containsExactly("analysis.maxWeight", "analysis.stepWeights[1]", "analysis.webhooks[0].url",
                "analysis.webhooks[1].name"));
  }

  @Test
  void rejectsSomethingThatIsNotACanary() {
    assertThatThrownBy(() -> Canaries.parse("kind: Deployment\nmetadata: {name: x}\nspec: {}"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("kind: was \"Deployment\", must be Canary");
    assertThatThrownBy(() -> Canaries.parse("- a\n- b")).isInstanceOf(ValidationException.class);
  }
}
