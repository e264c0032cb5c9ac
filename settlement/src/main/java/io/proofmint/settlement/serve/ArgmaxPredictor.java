package io.proofmint.settlement.serve;

/**
 * The trivial model: the features are taken as class logits; the label is the largest and the
 * scores are their softmax. Serves when no checkpoint is given, to exercise payments end to end.
 */
public final class ArgmaxPredictor implements Predictor {

  @Override
  public Prediction predict(float[] features) {
    if (features.length == 0) {
      throw new IllegalArgumentException("features: expected at least one value, got none");
    }
    int best = 0;
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < features.length; i++) {
      if (!Float.isFinite(features[i])) {
        throw new IllegalArgumentException(
            "features: expected finite values, got " + features[i] + " at index " + i);
      }
      if (features[i] > max) {
        max = features[i];
        best = i;
      }
    }
    float[] scores = new float[features.length];
    double sum = 0;
    for (int i = 0; i < features.length; i++) {
      double e = Math.exp(features[i] - max);
      scores[i] = (float) e;
      sum += e;
    }
    for (int i = 0; i < scores.length; i++) {
      scores[i] = (float) (scores[i] / sum);
    }
    return new Prediction(best, scores);
  }

  @Override
  public boolean threadSafe() {
    return true;
  }
}
