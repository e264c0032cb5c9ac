package io.proofmint.verifier.daemon;

import io.proofmint.protocol.crypto.Hash32;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/** Spec hashes and rules of registered models, read once each (both are fixed at registration). */
final class ModelCatalog {

  private final RegistryClient chain;
  private final Map<BigInteger, Hash32> specs = new HashMap<>();
  private final Map<BigInteger, ModelRules> rules = new HashMap<>();

  ModelCatalog(RegistryClient chain) {
    this.chain = chain;
  }

  Hash32 spec(BigInteger modelId) throws IOException {
    Hash32 known = specs.get(modelId);
    if (known == null) {
      known = chain.specHash(modelId);
      specs.put(modelId, known);
    }
    return known;
  }

  ModelRules rules(BigInteger modelId) throws IOException {
    ModelRules known = rules.get(modelId);
    if (known == null) {
      known = chain.rules(modelId);
      rules.put(modelId, known);
    }
    return known;
  }
}
