package io.proofmint.settlement.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.crypto.Address;
import io.proofmint.settlement.db.Database;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

class VoucherInboxTest {

  private static final Credentials USER =
      Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  private static final Address TOKEN =
      Address.fromHex("0x00000000000000000000000000000000000000a1");
  private static final VoucherDomain DOMAIN =
      new VoucherDomain(31337, Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3"));
  private static final BigInteger PRICE = BigInteger.valueOf(1000);

  private Database db;
  private final VoucherInbox inbox = new VoucherInbox();

  @BeforeEach
  void open() throws Exception {
    db = Database.open(Database.h2MemoryUrl("inbox-" + System.nanoTime()));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void store_keepsOnlyVouchersThatGrowByThePrice() throws Exception {
    assertThat(store(1000).stored()).isTrue();
    assertThat(store(2000).stored()).isTrue();
    VoucherInbox.StoreResult replay = store(2000);
    assertThat(replay.stored()).isFalse();
    assertThat(replay.previous()).isEqualTo(BigInteger.valueOf(2000));
    assertThat(store(1500).stored()).as("older voucher").isFalse();
    assertThat(store(2999).stored()).as("grew by less than the price").isFalse();
    assertThat(store(3000).stored()).isTrue();
    assertThat(latest()).contains(BigInteger.valueOf(3000));
  }

  @Test
  void unredeemed_listsVouchersAboveTheLastIndexedRedemption() throws Exception {
    store(5000);
    assertThat(pending()).singleElement().satisfies(p -> assertThat(p.indexedRedeemed()).isZero());

    redeemed(5000);
    assertThat(pending()).isEmpty();

    store(6000);
    List<VoucherInbox.Pending> pending = pending();
    assertThat(pending).singleElement();
    assertThat(pending.get(0).indexedRedeemed()).isEqualTo(BigInteger.valueOf(5000));
    assertThat(pending.get(0).voucher().voucher().cumulativeAmount())
        .isEqualTo(BigInteger.valueOf(6000));
    assertThat(DOMAIN.recover(pending.get(0).voucher())).contains(channel().user());
  }

  private java.util.Optional<BigInteger> latest() throws Exception {
    return db.transaction(c -> inbox.latest(c, channel()));
  }

  private List<VoucherInbox.Pending> pending() throws Exception {
    return db.transaction(c -> inbox.unredeemed(c, 10));
  }

  private VoucherInbox.StoreResult store(long cumulative) throws Exception {
    Voucher v =
        new Voucher(
            Address.fromHex(USER.getAddress()),
            TOKEN,
            BigInteger.valueOf(cumulative),
            BigInteger.valueOf(4_000_000_000L));
    SignedVoucher signed = DOMAIN.sign(v, USER);
    return db.transaction(c -> inbox.store(c, signed, PRICE, cumulative));
  }

  private void redeemed(long total) throws Exception {
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO voucher_redemptions (block_number, log_index, tx_hash, user_addr,"
                      + " token, cumulative, paid, redeemed) VALUES (7, 0, '0x1', ?, ?, ?, ?, ?)")) {
            ps.setString(1, channel().user().toHex());
            ps.setString(2, TOKEN.toHex());
            ps.setBigDecimal(3, java.math.BigDecimal.valueOf(total));
            ps.setBigDecimal(4, java.math.BigDecimal.valueOf(total));
            ps.setBigDecimal(5, java.math.BigDecimal.valueOf(total));
            ps.executeUpdate();
          }
          return null;
        });
  }

  private static ChannelKey channel() {
    return new ChannelKey(Address.fromHex(USER.getAddress()), TOKEN);
  }
}
