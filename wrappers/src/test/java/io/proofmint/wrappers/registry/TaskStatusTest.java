package io.proofmint.wrappers.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class TaskStatusTest {

  @Test
  void fromChain_mapsTheRegistryCodesInTheContractsOrder() {
    assertThat(TaskStatus.fromChain(0)).isEqualTo(TaskStatus.NONE);
    assertThat(TaskStatus.fromChain(2)).isEqualTo(TaskStatus.CLAIMED);
    assertThat(TaskStatus.fromChain(BigInteger.valueOf(7))).isEqualTo(TaskStatus.FINALIZED);
    assertThat(TaskStatus.fromChain(BigInteger.valueOf(9))).isEqualTo(TaskStatus.STALE);
    for (TaskStatus s : TaskStatus.values()) {
      assertThat(TaskStatus.fromChain(s.code())).isEqualTo(s);
    }
  }

  @Test
  void fromChain_refusesACodeTheRegistryDoesNotHave() {
    assertThatThrownBy(() -> TaskStatus.fromChain(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("registry task status: expected a code 0..9, got 10");
    assertThatThrownBy(() -> TaskStatus.fromChain(BigInteger.valueOf(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("registry task status: expected a code 0..9, got -1");
    assertThatThrownBy(() -> TaskStatus.fromChain(BigInteger.TWO.pow(70)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a code 0..9, got 1180591620717411303424");
  }

  @Test
  void isFinal_holdsForFinalizedRejectedAndStaleOnly() {
    assertThat(TaskStatus.values())
        .filteredOn(TaskStatus::isFinal)
        .containsExactly(TaskStatus.FINALIZED, TaskStatus.REJECTED, TaskStatus.STALE);
  }

  @Test
  void stakeRoles_carryTheStakeManagersCodes() {
    assertThat(StakeRole.TRAINER.code()).isEqualTo(1);
    assertThat(StakeRole.VERIFIER.chainCode()).isEqualTo(BigInteger.TWO);
  }
}
