package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.policy.RuleStatus;
import dev.kurator.policy.RuleType;
import java.util.List;

/**
 * One rule's raw engine response.
 *
 * @param rule rule name
 * @param type body kind
 * @param status outcome before scoring (warn is applied later)
 * @param message reason
 * @param generated objects a generate rule produced
 */
public record RuleResponse(String rule, RuleType type, RuleStatus status, String message, List<JsonNode> generated) {

  static RuleResponse of(String rule, RuleType type, RuleStatus status, String message) {
    return new RuleResponse(rule, type, status, message, List.of());
  }
}
