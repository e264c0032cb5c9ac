package io.proofmint.systemtests.settlement;

import static io.proofmint.systemtests.settlement.SettlementFixture.E18;
import static io.proofmint.systemtests.settlement.SettlementFixture.E6;
import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.settlement.holder.ClaimOutcome;
import io.proofmint.settlement.holder.HolderAccounts;
import io.proofmint.settlement.holder.HolderPosition;
import io.proofmint.wrappers.generated.ModelToken;
import io.proofmint.wrappers.generated.RevenueRouter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * Holders trade model tokens between revenue payments and claim at different times: each claim pays
 * exactly what the accumulator owes that holder (to the base unit), {@link HolderAccounts} shows it
 * before the claim, a second claim is skipped, and the claims never exceed what was credited.
 */
class HolderClaimsIT {

  @TempDir Path dir;

  @Test
  void transfersBetweenHolders_keepEveryClaimExact() throws Exception {
    try (SettlementFixture f = SettlementFixture.start("HolderClaimsIT", dir, 16)) {
      BigInteger supply = E18.multiply(BigInteger.valueOf(1000));
      TaskFlow.Model model = f.registerModel("PH", supply);
      ModelToken token = f.admin.modelToken(model.token());
      RevenueModel expected = new RevenueModel(token.MAGNITUDE().send());
      Credentials owner = f.owner();
      Credentials alice = f.user(0);
      Credentials bob = f.user(1);
      Credentials payer = f.user(2);
      expected.mint(owner.getAddress(), supply);
      f.flow.fundPayment(payer, E6.multiply(BigInteger.valueOf(1000)));
      BigInteger credited = BigInteger.ZERO;

      credited = credited.add(pay(f, payer, model, 100, expected));
      move(f, owner, alice, model, 300, expected);
      credited = credited.add(pay(f, payer, model, 50, expected));
      move(f, alice, bob, model, 100, expected);
      move(f, owner, bob, model, 50, expected);
      credited = credited.add(pay(f, payer, model, 70, expected));

      BigInteger claimed = claimAndCheck(f, alice, model, expected);
      move(f, bob, alice, model, 20, expected);
      credited = credited.add(pay(f, payer, model, 31, expected));
      for (Credentials holder : List.of(owner, alice, bob)) {
        claimed = claimed.add(claimAndCheck(f, holder, model, expected));
        ClaimOutcome again = new HolderAccounts(f.admin.as(holder)).claim(model.token());
        assertThat(again.skipped()).as("nothing left to claim").isTrue();
      }

      assertThat(claimed).isLessThanOrEqualTo(credited);
      assertThat(credited.subtract(claimed))
          .as("dust: under one unit per distribution plus per holder")
          .isLessThan(BigInteger.valueOf(4 + 3));
    }
  }

  private static BigInteger claimAndCheck(
      SettlementFixture f, Credentials holder, TaskFlow.Model model, RevenueModel expected)
      throws Exception {
    HolderAccounts accounts = new HolderAccounts(f.admin.as(holder));
    HolderPosition position =
        accounts.positions(holder.getAddress()).stream()
            .filter(p -> p.token().equalsIgnoreCase(model.token()))
            .findFirst()
            .orElseThrow();
    BigInteger owed = expected.claimable(holder.getAddress());
    assertThat(position.balance()).isEqualTo(expected.balance(holder.getAddress()));
    assertThat(position.claimable()).as("claimable of %s", holder.getAddress()).isEqualTo(owed);
    BigInteger before = f.admin.paymentToken().balanceOf(holder.getAddress()).send();
    ClaimOutcome outcome = accounts.claim(model.token());
    assertThat(outcome.paid()).isEqualTo(owed);
    assertThat(f.admin.paymentToken().balanceOf(holder.getAddress()).send().subtract(before))
        .isEqualTo(owed);
    expected.claimed(holder.getAddress(), owed);
    return owed;
  }

  private static BigInteger pay(
      SettlementFixture f,
      Credentials payer,
      TaskFlow.Model model,
      long whole,
      RevenueModel expected)
      throws Exception {
    var receipt = f.flow.payRevenue(payer, model.token(), E6.multiply(BigInteger.valueOf(whole)));
    BigInteger toHolders = RevenueRouter.getRevenuePaidEvents(receipt).get(0).toHolders;
    expected.distribute(toHolders);
    return toHolders;
  }

  private static void move(
      SettlementFixture f,
      Credentials from,
      Credentials to,
      TaskFlow.Model model,
      long whole,
      RevenueModel expected)
      throws Exception {
    BigInteger amount = E18.multiply(BigInteger.valueOf(whole));
    f.admin.as(from).modelToken(model.token()).transfer(to.getAddress(), amount).send();
    expected.transfer(from.getAddress(), to.getAddress(), amount);
  }
}
