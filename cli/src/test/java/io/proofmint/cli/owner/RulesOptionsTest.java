package io.proofmint.cli.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.cli.Amounts;
import io.proofmint.worker.engine.VerificationMode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RulesOptionsTest {

  private static final BigInteger E18 = BigInteger.TEN.pow(18);

  @TempDir Path dir;

  private static RulesOptions parse(String... args) {
    RulesOptions options = new RulesOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void defaults_areTheDemosRules() throws Exception {
    VerificationRules r = parse().resolve(VerificationMode.EXACT, 18);
    assertThat(r)
        .isEqualTo(
            new VerificationRules(
                10,
                8,
                3,
                5,
                VerificationMode.EXACT,
                0,
                Duration.ofHours(1),
                Duration.ofHours(1),
                E18.multiply(BigInteger.TEN),
                E18.multiply(BigInteger.valueOf(5))));
    assertThat(parse().resolve(VerificationMode.TOLERANT, 18).toleranceMicros()).isEqualTo(100);
  }

  @Test
  void flagsWinOverTheFile_andTheFileOverTheDefaults() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("rules.json"),
            "{\"segmentLength\": 20, \"samples\": 4, \"challengeWindow\": \"2h\","
                + " \"trainerBond\": \"2.5\"}");
    VerificationRules r =
        parse("--rules", file.toString(), "--samples", "6").resolve(VerificationMode.EXACT, 18);
    assertThat(r.segmentLength()).isEqualTo(20);
    assertThat(r.samples()).isEqualTo(6);
    assertThat(r.challengeWindow()).isEqualTo(Duration.ofHours(2));
    assertThat(r.trainerBond()).isEqualTo(new BigInteger("2500000000000000000"));
    assertThat(r.quorum()).isEqualTo(3);
  }

  @Test
  void aRulesFileWithAnUnknownField_isRefusedNamingTheFile() throws Exception {
    Path file = Files.writeString(dir.resolve("rules.json"), "{\"segmentLenght\": 20}");
    assertThatThrownBy(() -> parse("--rules", file.toString()).resolve(VerificationMode.EXACT, 18))
        .hasMessageContaining("rules file " + file)
        .hasMessageContaining("segmentLenght");
  }

  @Test
  void rulesOutOfTheRegistrysBounds_areRefusedSayingTheBound() {
    assertThatThrownBy(() -> parse("--dispute-quorum", "3").resolve(VerificationMode.EXACT, 18))
        .hasMessage("dispute quorum: expected 4..32 (more than the quorum), got 3");
    assertThatThrownBy(() -> parse("--tolerance-micros", "5").resolve(VerificationMode.EXACT, 18))
        .hasMessageContaining("an exact-mode model has tolerance 0, got 5");
    assertThatThrownBy(() -> parse("--samples", "65").resolve(VerificationMode.EXACT, 18))
        .hasMessage("samples q: expected 1..64, got 65");
  }

  @Test
  void rules_roundTripThroughTheChainStruct() throws Exception {
    VerificationRules r = parse("--tolerance-micros", "250").resolve(VerificationMode.TOLERANT, 6);
    assertThat(VerificationRules.fromChain(r.toChain())).isEqualTo(r);
    assertThat(r.toChain().mode).isEqualTo(BigInteger.ONE);
  }

  @Test
  void amounts_parseWhatPeopleType_andRefuseTooManyDecimals() {
    assertThat(Amounts.parse("1000000", 18, "--supply"))
        .isEqualTo(E18.multiply(BigInteger.valueOf(1_000_000)));
    assertThat(Amounts.parse("0.5", 6, "x")).isEqualTo(BigInteger.valueOf(500_000));
    assertThatThrownBy(() -> Amounts.parse("0.0000001", 6, "--fee"))
        .hasMessage("--fee: 0.0000001 has more than 6 decimals");
    assertThatThrownBy(() -> Amounts.parse("-1", 18, "--reward"))
        .hasMessageContaining("expected an amount >= 0");
    assertThat(Amounts.format(Amounts.parse("12.34", 18, "x"), 18)).isEqualTo("12.34");
  }
}
