package io.proofmint.settlement.serve;

import io.proofmint.settlement.escrow.SignedVoucher;

/** A parsed call: the model input and the voucher that pays for it. */
public record PredictRequest(float[] features, SignedVoucher voucher) {

  public PredictRequest {
    features = features.clone();
  }

  @Override
  public float[] features() {
    return features.clone();
  }
}
