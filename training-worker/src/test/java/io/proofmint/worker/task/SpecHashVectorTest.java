package io.proofmint.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.VerificationMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec-hash vector of docs/protocol.md section 13: definition, canonical text, hash. The hash
 * was recomputed independently with Foundry's {@code cast keccak} over the same text.
 */
class SpecHashVectorTest {

  static final ModelDefinition VECTOR =
      new ModelDefinition(
          "vectors",
          MlpSpec.of(3, AdamConfig.withLearningRate(1e-2f), 5, 4, 3),
          ReproducibilityProfile.portable(),
          VerificationMode.EXACT,
          7,
          Keccak.hashUtf8("proofmint.vectors.dataset"));

  static final String CANONICAL =
      "proofmint.model.v1|mlp(layers=5,4,3,activation=relu,loss=softmax-xent-mean,batch=3,"
          + "adam(lr=0x3c23d70a,beta1=0x3f666666,beta2=0x3f7fbe77,eps=0x322bcc77))"
          + "|proofmint-profile/1;backend=jvm-portable;dtype=float32;engine=2|mode=exact|init=7"
          + "|dataset=DATASET";

  @Test
  void canonicalTextAndSpecHash_arePinned(@TempDir Path dir) throws Exception {
    String dataset = Keccak.hashUtf8("proofmint.vectors.dataset").toHex();
    assertThat(VECTOR.canonical()).isEqualTo(CANONICAL.replace("DATASET", dataset));
    assertThat(VECTOR.specHash().toHex())
        .isEqualTo("0xd2d925ef61e62a32926fb8bb2445f0995c3c4142fcd69820c0371437a477d004");

    Path file = dir.resolve("model.json");
    VECTOR.write(file);
    assertThat(Files.readString(file)).contains("\"format\" : \"proofmint-model-v1\"");
    assertThat(ModelDefinition.read(file).specHash()).isEqualTo(VECTOR.specHash());
  }
}
