package io.proofmint.devnet;

import java.io.IOException;
import java.nio.file.Path;

/** Starts anvil for a test, with its log under target/ so a failing run can be read afterwards. */
public final class TestDevnets {

  private TestDevnets() {}

  public static AnvilDevnet anvil(String testName) throws IOException {
    return AnvilDevnet.start(
        AnvilOptions.defaults(Path.of("target", "devnet-logs", testName + ".log")));
  }
}
