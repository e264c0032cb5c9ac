package io.proofmint.systemtests.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.worker.engine.PortableProfile;
import io.proofmint.worker.engine.RuntimeFacts;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.TaskStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portable profile's promise on a chain: a trainer in this JVM (its own OpenBLAS core, the
 * CPU's widest vectors) commits an exact-mode task; the three verifiers run in another JVM with
 * another {@code OPENBLAS_CORETYPE} and 128-bit vectors, replay their sampled segments bit for bit
 * and attest VALID; the task finalizes and the trainer keeps its bond.
 */
class PortableAcrossKernelsIT {

  @TempDir Path dir;

  @Test
  void verifiersUnderAnotherKernelAndWidth_replayAPortableBundleExactly() throws Exception {
    try (AdversarialFixture f = AdversarialFixture.start("PortableAcrossKernelsIT", dir, 8)) {
      assertThat(AdversarialFixture.MODEL.profile()).isInstanceOf(PortableProfile.class);
      String ownCore = RuntimeFacts.probe().blasCoreType();
      String otherCore = ownCore.equals("Haswell") ? "Sandybridge" : "Haswell";
      Process verifiers = startForeignVerifiers(f, otherCore);
      try {
        String ready = awaitReady(verifiers);
        assertThat(ready).contains("kernel=vector-128").contains("core=" + otherCore);
        assertThat(PortableProfile.kernelInUse()).isNotEqualTo("vector-128").isNotEqualTo("scalar");

        BigInteger taskId = f.createTask(40);
        BigInteger stakeBefore = f.staked(f.victim());
        f.train(f.victim(), taskId, null);

        TrainingRegistry.TaskView attested = f.awaitStatus(taskId, TaskStatus.ATTESTED);
        assertThat(attested.verdict.intValueExact()).isEqualTo(Verdict.VALID.code());
        f.settle(taskId, TaskStatus.FINALIZED);
        assertThat(f.staked(f.victim())).isEqualTo(stakeBefore);
      } finally {
        verifiers.destroyForcibly().waitFor();
      }
    }
  }

  private Process startForeignVerifiers(AdversarialFixture f, String core) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-modules");
    command.add("jdk.incubator.vector");
    command.add("-Dproofmint.portable.vectorBits=128");
    if (Runtime.version().feature() >= 22) {
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ForeignVerifiersHarness.class.getName());
    command.add(f.devnet.rpcUrl().toString());
    command.add(dir.resolve("deployment.json").toString());
    command.add(dir.resolve("foreign-verifiers").toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectError(dir.resolve("foreign-verifiers.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().put(RuntimeFacts.CORETYPE_VARIABLE, core);
    return builder.start();
  }

  private static String awaitReady(Process process) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("READY ")) {
        // keep draining, so the child never blocks on a full pipe
        Thread.ofPlatform().daemon().start(() -> out.lines().forEach(ignored -> {}));
        return line;
      }
    }
    throw new AssertionError("the verifier JVM exited before it was ready: " + process.waitFor());
  }
}
