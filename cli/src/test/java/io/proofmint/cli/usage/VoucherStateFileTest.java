package io.proofmint.cli.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.proofmint.protocol.crypto.Address;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoucherStateFileTest {

  private static final Address ESCROW =
      Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  private static final Address MODEL =
      Address.fromHex("0x00000000000000000000000000000000000000A1");
  private static final Address USER = Address.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

  @TempDir Path dir;

  private VoucherStateFile file() {
    return new VoucherStateFile(dir.resolve("usage"), 31337, ESCROW, MODEL, USER);
  }

  @Test
  void namesTheChannel_andRoundTrips_withOwnerOnlyPermissions() throws Exception {
    VoucherStateFile f = file();
    assertThat(f.read()).isEmpty();
    assertThat(f.readOrEmpty()).isEqualTo(VoucherState.EMPTY);
    VoucherState s = new VoucherState(BigInteger.valueOf(3000), BigInteger.valueOf(2000));
    f.write(s, null);
    assertThat(f.path().getFileName().toString())
        .isEqualTo(
            "31337-0x5fbdb2315678afecb367f032d93f642f64180aa3-0x00000000000000000000000000000000000000a1"
                + "-0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266.json");
    assertThat(file().read()).contains(s);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path().getParent())))
        .isEqualTo("rwx------");
    try (Stream<Path> left = Files.list(f.path().getParent())) {
      assertThat(left).containsExactly(f.path()); // no temporary file left behind
    }
  }

  @Test
  void refusesToLowerAnAmountOnDisk() throws Exception {
    VoucherStateFile f = file();
    f.write(new VoucherState(BigInteger.valueOf(3000), BigInteger.valueOf(3000)), null);
    assertThatThrownBy(
            () -> f.write(new VoucherState(BigInteger.valueOf(2000), BigInteger.ZERO), null))
        .hasMessageContaining("amounts only grow");
    assertThat(f.read())
        .contains(new VoucherState(BigInteger.valueOf(3000), BigInteger.valueOf(3000)));
  }

  @Test
  void refusesAFileOfAnotherChannel() throws Exception {
    VoucherStateFile f = file();
    f.write(new VoucherState(BigInteger.ONE, BigInteger.ONE), null);
    var json =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            new ObjectMapper().readTree(f.path().toFile());
    json.put("user", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    Files.write(f.path(), new ObjectMapper().writeValueAsBytes(json));
    assertThatThrownBy(f::read).hasMessageContaining("expected user");
  }

  @Test
  void aWriteReplacesTheWholeFile_keepingTheLastVoucher() throws Exception {
    VoucherStateFile f = file();
    var voucher = new ObjectMapper().createObjectNode().put("cumulativeAmount", "5000");
    f.write(new VoucherState(BigInteger.valueOf(5000), BigInteger.valueOf(4000)), voucher);
    f.write(new VoucherState(BigInteger.valueOf(5000), BigInteger.valueOf(5000)), voucher);
    assertThat(f.read())
        .contains(new VoucherState(BigInteger.valueOf(5000), BigInteger.valueOf(5000)));
    assertThat(f.lastVoucher().orElseThrow().get("cumulativeAmount").asText()).isEqualTo("5000");
  }
}
