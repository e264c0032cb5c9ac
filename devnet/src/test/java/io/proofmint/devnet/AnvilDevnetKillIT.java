package io.proofmint.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGKILL gives the JVM no chance to run shutdown hooks: the watchdog alone must stop anvil. */
class AnvilDevnetKillIT {

  @Test
  void killingTheJvmThatStartedAnvil_leavesNothingListeningOnItsPort() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process holder =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dproofmint.home=" + ProofmintHome.locate(),
                DevnetHolder.class.getName(),
                Path.of("target", "devnet-logs", "AnvilDevnetKillIT.log")
                    .toAbsolutePath()
                    .toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      int port = readPort(holder);
      assertThat(LoopbackPorts.isListening(port)).as("anvil listening before the kill").isTrue();

      holder.destroyForcibly(); // SIGKILL
      assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();

      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      while (LoopbackPorts.isListening(port) && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertThat(LoopbackPorts.isListening(port)).as("anvil listening after the kill").isFalse();
    } finally {
      holder.destroyForcibly();
    }
  }

  private static int readPort(Process holder) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("PORT ")) {
        return Integer.parseInt(line.substring(5).strip());
      }
    }
    throw new AssertionError(
        "devnet holder exited with " + holder.waitFor() + " before printing its port");
  }
}
