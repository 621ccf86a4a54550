package dev.kurator.core.override;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one rule changes, as Karmada's {@code Overriders}. They are applied in Karmada's fixed order: images,
 * then command, then args, then labels, then annotations, then the plaintext JSON patch; within each kind, in list
 * order.
 */
public record Overriders(
    List<ImageOverrider> imageOverrider,
    List<CommandArgsOverrider> commandOverrider,
    List<CommandArgsOverrider> argsOverrider,
    List<LabelAnnotationOverrider> labelsOverrider,
    List<LabelAnnotationOverrider> annotationsOverrider,
    List<PlaintextOverrider> plaintext) {

  public Overriders {
    imageOverrider = List.copyOf(Objects.requireNonNull(imageOverrider, "imageOverrider"));
    commandOverrider = List.copyOf(Objects.requireNonNull(commandOverrider, "commandOverrider"));
    argsOverrider = List.copyOf(Objects.requireNonNull(argsOverrider, "argsOverrider"));
    labelsOverrider = List.copyOf(Objects.requireNonNull(labelsOverrider, "labelsOverrider"));
    annotationsOverrider = List.copyOf(Objects.requireNonNull(annotationsOverrider, "annotationsOverrider"));
    plaintext = List.copyOf(Objects.requireNonNull(plaintext, "plaintext"));
  }

  /** No change at all. */
  public static Overriders none() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether this changes nothing. */
  public boolean isEmpty() {
    return imageOverrider.isEmpty() && commandOverrider.isEmpty() && argsOverrider.isEmpty()
        && labelsOverrider.isEmpty() && annotationsOverrider.isEmpty() && plaintext.isEmpty();
  }

  /** Collects overriders; order within each kind is kept. */
  public static final class Builder {
    private final List<ImageOverrider> image = new ArrayList<>();
    private final List<CommandArgsOverrider> command = new ArrayList<>();
    private final List<CommandArgsOverrider> args = new ArrayList<>();
    private final List<LabelAnnotationOverrider> labels = new ArrayList<>();
    private final List<LabelAnnotationOverrider> annotations = new ArrayList<>();
    private final List<PlaintextOverrider> plaintext = new ArrayList<>();

    private Builder() {}

    public Builder image(ImageOverrider overrider) {
      image.add(overrider);
      return this;
    }

    public Builder command(CommandArgsOverrider overrider) {
      command.add(overrider);
      return this;
    }

    public Builder args(CommandArgsOverrider overrider) {
      args.add(overrider);
      return this;
    }

    public Builder labels(LabelAnnotationOverrider overrider) {
      labels.add(overrider);
      return this;
    }

    public Builder annotations(LabelAnnotationOverrider overrider) {
      annotations.add(overrider);
      return this;
    }

    public Builder plaintext(PlaintextOverrider overrider) {
      plaintext.add(overrider);
      return this;
    }

    public Overriders build() {
      return new Overriders(image, command, args, labels, annotations, plaintext);
    }
  }
}
