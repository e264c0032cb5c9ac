package io.proofmint.wrappers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class Eip1559FeesTest {

  @Test
  void constructor_refusesTipAboveCap() {
    assertThatThrownBy(() -> new Eip1559Fees(BigInteger.ONE, BigInteger.TWO))
        .hasMessageContaining("maxPriorityFeePerGas <= maxFeePerGas")
        .hasMessageContaining("got 2 and 1");
  }
}
