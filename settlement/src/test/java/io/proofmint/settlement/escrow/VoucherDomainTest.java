package io.proofmint.settlement.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hex;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

class VoucherDomainTest {

  /** The vector of docs/usage-payments.md (test_voucherDigest_knownVector in the contracts). */
  private static final VoucherDomain DOMAIN =
      new VoucherDomain(31337, Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3"));

  private static final Credentials ANVIL_0 =
      Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  private static final Voucher VECTOR =
      Voucher.of(
          "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
          "0x00000000000000000000000000000000000000A1",
          BigInteger.valueOf(1_500_000),
          1_767_225_600L);

  @Test
  void digest_matchesTheContractsKnownVector() {
    assertThat(DOMAIN.separator().toHex())
        .isEqualTo("0xd5d3fee6e145ce14080bd1c52710a78d03770697aa58dd5e9b83b15ce49b45d6");
    assertThat(VoucherDomain.structHash(VECTOR).toHex())
        .isEqualTo("0x12ca267bab68e7c4a2fbcbe74ff4a47a875e4b3a5e924d15c0f815c95de0f95f");
    assertThat(DOMAIN.digest(VECTOR).toHex())
        .isEqualTo("0xe5902ff36f3fbe0afac543702b4647f89a99ef750b7ddbc1ae4b6fe8baa48d28");
    assertThat(VoucherDomain.VOUCHER_TYPEHASH.toHex())
        .isEqualTo("0x9fcfc36e8a0354a89115cbe482ae531179ada36592a44f567b25a0f2740ba6a0");
  }

  @Test
  void sign_producesTheVectorsSignature_andRecoversTheUser() {
    SignedVoucher signed = DOMAIN.sign(VECTOR, ANVIL_0);
    String sig = signed.signatureHex();
    assertThat(sig.substring(2, 66))
        .isEqualTo("7a7c6696c9edffb51db6cba32b7f310ec5f05917bddaa244e48f4fb25765bedd");
    assertThat(sig.substring(66, 130))
        .isEqualTo("38cc20aa4cb11f21ff410300cc7d0ff45aaa470cc24404ba403bc4af129ea46d");
    assertThat(signed.signature()[64]).isEqualTo((byte) 28);
    assertThat(DOMAIN.recover(signed)).contains(VECTOR.user());
  }

  @Test
  void recover_tamperedFieldOrOtherDomain_yieldsAnotherSigner() {
    SignedVoucher signed = DOMAIN.sign(VECTOR, ANVIL_0);
    Voucher more =
        new Voucher(
            VECTOR.user(), VECTOR.modelToken(), BigInteger.valueOf(1_500_001), VECTOR.expiry());
    assertThat(DOMAIN.recover(new SignedVoucher(more, signed.signature())))
        .isPresent()
        .get()
        .isNotEqualTo(VECTOR.user());
    VoucherDomain otherChain = new VoucherDomain(1, DOMAIN.escrow());
    assertThat(otherChain.recover(signed)).get().isNotEqualTo(VECTOR.user());
  }

  @Test
  void recover_refusesHighS_badV_andWrongLength() {
    byte[] sig = DOMAIN.sign(VECTOR, ANVIL_0).signature();
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
    byte[] highS = sig.clone();
    byte[] twin = org.web3j.utils.Numeric.toBytesPadded(Sign.CURVE_PARAMS.getN().subtract(s), 32);
    System.arraycopy(twin, 0, highS, 32, 32);
    highS[64] = (byte) (sig[64] == 27 ? 28 : 27);
    assertThat(DOMAIN.recover(new SignedVoucher(VECTOR, highS))).isEmpty();

    byte[] badV = sig.clone();
    badV[64] = 1;
    assertThat(DOMAIN.recover(new SignedVoucher(VECTOR, badV))).isEmpty();
    assertThat(DOMAIN.recover(new SignedVoucher(VECTOR, Hex.decode("0x1234")))).isEmpty();
    assertThat(DOMAIN.recover(new SignedVoucher(VECTOR, new byte[65]))).isEmpty();
  }
}
