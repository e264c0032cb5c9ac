package io.proofmint.devnet;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to start anvil.
 *
 * @param chainId the chain id anvil reports (31337 is the usual devnet id)
 * @param accounts how many pre-funded accounts of the anvil mnemonic to create
 * @param blockTimeSeconds 0 mines a block per transaction; otherwise one block every N seconds
 * @param logFile where anvil's output goes
 * @param startTimeout how long to wait for anvil to answer JSON-RPC
 */
public record AnvilOptions(
    long chainId, int accounts, int blockTimeSeconds, Path logFile, Duration startTimeout) {

  public static final long DEFAULT_CHAIN_ID = 31337L;

  public AnvilOptions {
    if (chainId <= 0) {
      throw new IllegalArgumentException("anvil chain id: expected > 0, got " + chainId);
    }
    if (accounts < 1 || accounts > 1000) {
      throw new IllegalArgumentException("anvil accounts: expected 1..1000, got " + accounts);
    }
    if (blockTimeSeconds < 0) {
      throw new IllegalArgumentException(
          "anvil block time: expected >= 0 seconds, got " + blockTimeSeconds);
    }
  }

  /** Automine, chain id 31337, ten accounts, output to {@code logFile}. */
  public static AnvilOptions defaults(Path logFile) {
    return new AnvilOptions(DEFAULT_CHAIN_ID, 10, 0, logFile, Duration.ofSeconds(30));
  }

  /**
   * The defaults for a test or benchmark run named {@code runName}: the log goes to {@code
   * target/devnet-logs/<runName>.log} under the working directory, so a failing run can be read
   * afterwards.
   */
  public static AnvilOptions forTest(String runName) {
    return defaults(Path.of("target", "devnet-logs", runName + ".log"));
  }
}
