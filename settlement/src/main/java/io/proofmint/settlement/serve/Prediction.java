package io.proofmint.settlement.serve;

/**
 * What a model answers for one input.
 *
 * @param label the predicted class
 * @param scores one score per class (probabilities, or logits: the predictor says which)
 */
public record Prediction(int label, float[] scores) {

  public Prediction {
    scores = scores.clone();
    if (label < 0 || label >= scores.length) {
      throw new IllegalArgumentException(
          "prediction: expected a label in [0, " + scores.length + "), got " + label);
    }
  }

  @Override
  public float[] scores() {
    return scores.clone();
  }
}
