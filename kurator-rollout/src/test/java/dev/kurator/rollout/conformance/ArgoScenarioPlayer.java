package dev.kurator.rollout.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/** Plays an Argo Rollouts scenario. */
final class ArgoScenarioPlayer {
  void play(JsonNode scenario) {
    throw new Unsupported("argo not yet");
  }
}
