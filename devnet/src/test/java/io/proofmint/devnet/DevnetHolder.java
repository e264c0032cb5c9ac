package io.proofmint.devnet;

import java.nio.file.Path;

/**
 * A separate JVM for {@link AnvilDevnetKillIT}: starts anvil, prints its port, then waits to be
 * killed.
 */
public final class DevnetHolder {

  private DevnetHolder() {}

  public static void main(String[] args) throws Exception {
    AnvilDevnet devnet = AnvilDevnet.start(AnvilOptions.defaults(Path.of(args[0])));
    System.out.println("PORT " + devnet.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
