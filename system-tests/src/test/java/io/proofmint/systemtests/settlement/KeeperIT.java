package io.proofmint.systemtests.settlement;

import static io.proofmint.systemtests.settlement.SettlementFixture.E18;
import static io.proofmint.systemtests.settlement.SettlementFixture.E6;
import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.index.TaskEventKind;
import io.proofmint.settlement.index.TaskIndex;
import io.proofmint.settlement.keeper.KeeperReport;
import io.proofmint.settlement.keeper.SendHooks;
import io.proofmint.settlement.keeper.SettlementKeeper;
import io.proofmint.wrappers.generated.ModelToken;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * One keeper pass on anvil settles everything due: a task past its challenge window is finalized
 * and its attesters paid (signer list from the index), an abandoned claim and an unverified commit
 * are expired, and the inbox's vouchers are redeemed in one batch. A second pass sends nothing; a
 * newer voucher redeems only its increment.
 */
class KeeperIT {

  @TempDir Path dir;

  @Test
  void pass_settlesWhatIsDue_once() throws Exception {
    try (SettlementFixture f = SettlementFixture.start("KeeperIT", dir, 16);
        Database db = Database.open(Database.h2FileUrl(dir.resolve("db")))) {
      TaskFlow.Model model = f.registerModel("PK", E18.multiply(BigInteger.valueOf(1000)));
      BigInteger reward = E18.multiply(BigInteger.valueOf(500));
      BigInteger fee = E18.multiply(BigInteger.valueOf(30));
      BigInteger attested = f.attestedTask(model, 0, reward, fee);
      BigInteger abandoned = f.claimedTask(model, 1, reward, fee);
      BigInteger unverified = f.committedTask(model, 2, reward, fee);
      Credentials alice = f.user(0);
      Credentials bob = f.user(1);
      f.deposit(alice, model.token(), E6.multiply(BigInteger.valueOf(100)));
      f.deposit(bob, model.token(), E6.multiply(BigInteger.valueOf(50)));
      f.inbox(db, f.voucher(alice, model.token(), E6.multiply(BigInteger.valueOf(3))));
      f.inbox(db, f.voucher(bob, model.token(), E6.multiply(BigInteger.valueOf(2))));
      BigInteger treasuryBefore = f.admin.paymentToken().balanceOf(f.treasury()).send();

      SettlementKeeper keeper = f.keeper(db, SendHooks.NONE);
      KeeperReport early = keeper.runOnce();
      assertThat(early.finalized() + early.expired()).as("nothing is due yet").isZero();
      assertThat(early.batches()).as("vouchers are redeemed at once").isEqualTo(1);

      f.advance(SettlementFixture.WINDOW + 10);
      KeeperReport report = keeper.runOnce();

      assertThat(report.finalized()).isEqualTo(1);
      assertThat(report.rewardsPaid()).isEqualTo(1);
      assertThat(report.expired()).isEqualTo(2);
      assertThat(f.task(attested).status.intValue()).isEqualTo(7); // Finalized
      assertThat(f.task(attested).attesterRewardsPaid).isTrue();
      assertThat(f.task(abandoned).status.intValue()).isEqualTo(1); // Open again
      assertThat(f.task(unverified).status.intValue()).isEqualTo(1);
      ModelToken token = f.admin.modelToken(model.token());
      assertThat(token.balanceOf(f.trainer(0).getAddress()).send()).isEqualTo(reward);
      for (Credentials v : f.verifiers()) {
        assertThat(token.balanceOf(v.getAddress()).send())
            .isEqualTo(fee.divide(BigInteger.valueOf(3)));
      }
      assertThat(f.redeemed(alice, model.token())).isEqualTo(E6.multiply(BigInteger.valueOf(3)));
      assertThat(f.redeemed(bob, model.token())).isEqualTo(E6.multiply(BigInteger.valueOf(2)));
      assertThat(f.admin.paymentToken().balanceOf(f.treasury()).send().subtract(treasuryBefore))
          .as("10% of the 5 mUSD redeemed")
          .isEqualTo(BigInteger.valueOf(500_000));
      long sent = f.nonce(f.keeper());
      assertThat(sent).as("redeem, finalize, rewards, expire x2").isEqualTo(5);

      KeeperReport again = keeper.runOnce();
      assertThat(again.didSomething()).isFalse();
      assertThat(f.nonce(f.keeper())).isEqualTo(sent);

      f.inbox(db, f.voucher(alice, model.token(), E6.multiply(BigInteger.valueOf(4))));
      KeeperReport more = keeper.runOnce();
      assertThat(more.vouchersRedeemed()).isEqualTo(1);
      assertThat(f.redeemed(alice, model.token())).isEqualTo(E6.multiply(BigInteger.valueOf(4)));
      assertThat(f.nonce(f.keeper())).isEqualTo(sent + 1);

      keeper.runOnce(); // index the last blocks
      assertThat(db.transaction(c -> new TaskIndex().task(c, attested)).orElseThrow().rewardsPaid())
          .isTrue();
      assertThat(db.transaction(c -> new TaskIndex().task(c, abandoned)).orElseThrow().status())
          .isEqualTo(TaskEventKind.EXPIRED);
    }
  }
}
