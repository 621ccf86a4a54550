package dev.kurator.core.override;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.kurator.core.ValidationException;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverridePolicyValidationTest {

  @Test
  void everyProblemIsReportedWithItsFieldPath() {
    Overriders bad = Overriders.builder()
        .plaintext(new PlaintextOverrider("spec/replicas", OverrideOperator.REPLACE, TextNode.valueOf("1")))
        .plaintext(new PlaintextOverrider("/a/~2", OverrideOperator.ADD, TextNode.valueOf("1")))
        .plaintext(new PlaintextOverrider("/a", OverrideOperator.ADD, null))
        .plaintext(new PlaintextOverrider("/a", OverrideOperator.REMOVE, TextNode.valueOf("x")))
        .image(ImageOverrider.atPath("spec", ImageComponent.TAG, OverrideOperator.REPLACE, ""))
        .command(new CommandArgsOverrider("", OverrideOperator.REPLACE, List.of("x")))
        .labels(new LabelAnnotationOverrider(OverrideOperator.ADD, Map.of(" ", "v")))
        .build();

    assertThatThrownBy(() -> OverridePolicy.builder("shop", "p").rule(null, bad).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
            .extracting(ValidationException.Problem::path).containsExactlyInAnyOrder(
                "overridePolicy[shop/p].spec.overrideRules[0].overriders.plaintext[0].path",
                "overridePolicy[shop/p].spec.overrideRules[0].overriders.plaintext[1].path",
                "overridePolicy[shop/p].spec.overrideRules[0].overriders.plaintext[2].value",
                "overridePolicy[shop/p].spec.overrideRules[0].overriders.plaintext[3].value",
                "overridePolicy[shop/p].spec.overrideRules[0].overriders.imageOverrider[0].predicate.path",
                "overridePolicy[shop/p].spec.overrideRules[0].overriders.imageOverrider[0].value",
                "overridePolicy[shop/p].spec.overrideRules[0].overriders.commandOverrider[0].containerName",
                "overridePolicy[shop/p].spec.overrideRules[0].overriders.commandOverrider[0].operator",
                "overridePolicy[shop/p].spec.overrideRules[0].overriders.labelsOverrider[0].value"))
        .hasMessageContaining("plaintext[0].path: was \"spec/replicas\", must be a JSON pointer starting with \"/\"");
  }

  @Test
  void selectorsAndTargetsAreValidated() {
    ClusterAffinity target = new ClusterAffinity(List.of(""), List.of(),
        new LabelSelectorBuilder().addNewMatchExpression().withKey("region").withOperator("Near").endMatchExpression()
            .build(), List.of());

    assertThatThrownBy(() -> OverridePolicy.builder("shop", "p")
        .resourceSelector(new ResourceSelector("", "Deployment", "other", "", null))
        .rule(target, Overriders.none()).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
            .extracting(ValidationException.Problem::path).containsExactlyInAnyOrder(
                "overridePolicy[shop/p].spec.resourceSelectors[0].apiVersion",
                "overridePolicy[shop/p].spec.resourceSelectors[0].namespace",
                "overridePolicy[shop/p].spec.overrideRules[0].targetCluster.clusterNames[0]",
                "overridePolicy[shop/p].spec.overrideRules[0].targetCluster.labelSelector.matchExpressions[0].operator"));
  }

  @Test
  void namesAndScopeAreValidated() {
    assertThatThrownBy(() -> OverridePolicy.builder("", "").build())
        .hasMessageContaining("overridePolicy[/].metadata.name: was \"\", must not be blank")
        .hasMessageContaining("overridePolicy[/].metadata.namespace");
  }
}
