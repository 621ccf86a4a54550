package dev.kurator.rollout;

import dev.kurator.core.KuratorException;

/** A state machine was asked to make a move its transition table forbids. */
public class IllegalTransitionException extends KuratorException {

  private final String from;
  private final String to;

  public IllegalTransitionException(String from, String to) {
    super("illegal transition from " + from + " to " + to);
    this.from = from;
    this.to = to;
  }

  /** The phase the machine was in. */
  public String from() {
    return from;
  }

  /** The phase it was asked to move to. */
  public String to() {
    return to;
  }
}
