package io.proofmint.cli.demo;

import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import java.math.BigInteger;

/** The demo's fixed choices: a small synthetic task that a CPU learns in seconds. */
final class DemoSetup {

  static final int FEATURES = 64;
  static final int CLASSES = 10;
  static final int TRAIN_EXAMPLES = 4_000;
  static final int HELD_OUT_EXAMPLES = 1_000;
  static final int SHARD_SIZE = 1_000;
  static final long DATA_SEED = 20261126L;
  static final long INIT_SEED = 42L;
  static final MlpSpec SPEC =
      MlpSpec.of(32, AdamConfig.withLearningRate(5e-3f), FEATURES, 128, CLASSES);

  static final long STEPS = 300;
  static final int SEGMENT_LENGTH = 10;
  static final int SAMPLES = 8;
  static final int QUORUM = 3;
  static final int DISPUTE_QUORUM = 5;
  static final long CHALLENGE_WINDOW_SECONDS = 3_600;
  static final long VERIFY_TIMEOUT_SECONDS = 3_600;
  static final long TASK_DURATION_SECONDS = 3_600;

  static final BigInteger E18 = BigInteger.TEN.pow(18);
  static final BigInteger INITIAL_SUPPLY = E18.multiply(BigInteger.valueOf(1_000));
  static final BigInteger REWARD = E18.multiply(BigInteger.valueOf(500));
  static final BigInteger VERIFIER_FEE = E18.multiply(BigInteger.valueOf(30));
  static final BigInteger TRAINER_BOND = E18.multiply(BigInteger.TEN);
  static final BigInteger DISPUTE_BOND = E18.multiply(BigInteger.valueOf(5));
  static final BigInteger TRAINER_STAKE_FUNDS = E18.multiply(BigInteger.valueOf(200));

  private DemoSetup() {}
}
