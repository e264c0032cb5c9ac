package io.proofmint.cli.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class VoucherStateTest {

  private static final BigInteger PRICE = BigInteger.valueOf(1000);

  private static BigInteger n(long v) {
    return BigInteger.valueOf(v);
  }

  @Test
  void next_isOnePriceAboveWhatWasSigned_whenTheLastCallWasAnswered() {
    VoucherState s = VoucherState.EMPTY;
    assertThat(s.next(PRICE, n(0))).isEqualTo(n(1000));
    s = s.signedUpTo(n(1000)).confirmedUpTo(n(1000));
    assertThat(s.pending()).isFalse();
    assertThat(s.next(PRICE, n(0))).isEqualTo(n(2000));
  }

  @Test
  void next_signsThePendingAmountAgain_afterARefusalOrALostAnswer() {
    VoucherState s = VoucherState.EMPTY.signedUpTo(n(1000)).confirmedUpTo(n(1000));
    s = s.signedUpTo(n(2000)); // sent, no answer
    assertThat(s.pending()).isTrue();
    assertThat(s.next(PRICE, n(0))).isEqualTo(n(2000));
    assertThat(s.next(PRICE, n(1000))).isEqualTo(n(2000));
  }

  @Test
  void next_neverGoesBelowTheChainsRedeemedTotal_whenTheFileWasLost() {
    assertThat(VoucherState.EMPTY.next(PRICE, n(7000))).isEqualTo(n(8000));
    VoucherState stale = VoucherState.EMPTY.signedUpTo(n(3000)).confirmedUpTo(n(3000));
    assertThat(stale.next(PRICE, n(5000))).isEqualTo(n(6000));
  }

  @Test
  void amountsOnlyGrow() {
    VoucherState s = VoucherState.EMPTY.signedUpTo(n(5000)).confirmedUpTo(n(4000));
    assertThat(s.signedUpTo(n(3000))).isEqualTo(s);
    assertThat(s.confirmedUpTo(n(2000))).isEqualTo(s);
    assertThat(s.serverHolds(n(5000))).isEqualTo(new VoucherState(n(5000), n(5000)));
    assertThat(s.serverHolds(n(6000)).next(PRICE, n(0))).isEqualTo(n(7000));
  }

  @Test
  void refusesConfirmedAboveSigned_andANonPositivePrice() {
    assertThatThrownBy(() -> new VoucherState(n(1), n(2)))
        .hasMessageContaining("expected 0 <= confirmed <= signed");
    assertThatThrownBy(() -> VoucherState.EMPTY.next(BigInteger.ZERO, n(0)))
        .hasMessageContaining("price: expected > 0");
  }
}
