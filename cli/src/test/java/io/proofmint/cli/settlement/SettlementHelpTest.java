package io.proofmint.cli.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.cli.Amounts;
import io.proofmint.cli.CliRun;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class SettlementHelpTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "settlement",
        "settlement run",
        "serve",
        "holder",
        "holder status",
        "holder claim"
      })
  void everyCommandAndOption_hasHelpText(String command) {
    CliRun run = CliRun.of((command + " --help").split(" "));
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: proofmint " + command).contains("-h, --help");
    CommandLine sub = ProofmintCommandLines.find(command);
    sub.getCommandSpec()
        .options()
        .forEach(
            o ->
                assertThat(o.description())
                    .as("description of %s %s", command, o.longestName())
                    .isNotEmpty());
    sub.getCommandSpec()
        .positionalParameters()
        .forEach(
            p -> assertThat(p.description()).as("%s %s", command, p.paramLabel()).isNotEmpty());
  }

  @Test
  void settlementRunHelp_namesTheDaemonsOptions() {
    assertThat(CliRun.of("settlement", "run", "--help").out())
        .contains("--rpc", "--db", "--confirmations", "--poll-interval", "--once", "--keystore");
    assertThat(CliRun.of("serve", "--help").out())
        .contains("MODEL", "--price", "--checkpoint", "--port");
    assertThat(CliRun.of("holder", "status", "--help").out()).contains("--account");
    assertThat(CliRun.of("holder", "claim", "--help").out()).contains("--model");
  }

  @Test
  void durations_acceptWhatPeopleWrite() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(c.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(() -> c.convert("soon")).hasMessageContaining("expected a duration");
  }

  @Test
  void amounts_areReadInTokenUnits() {
    assertThat(Amounts.parse("12.5", 18)).isEqualTo(new BigInteger("12500000000000000000"));
    assertThat(Amounts.parse("1.500000", 6)).isEqualTo(BigInteger.valueOf(1_500_000));
    assertThat(Amounts.parse("7", 0)).isEqualTo(BigInteger.valueOf(7));
    assertThatThrownBy(() -> Amounts.parse("0.0000001", 6))
        .hasMessageContaining("expected at most 6 decimal places");
    assertThatThrownBy(() -> Amounts.parse("-1", 6)).hasMessageContaining("positive");
    assertThatThrownBy(() -> Amounts.parse("1e3x", 6)).hasMessageContaining("decimal number");
  }

  @Test
  void amounts_areShownWithTheirDecimals() {
    assertThat(Amounts.format(BigInteger.valueOf(1_500_000), 6)).isEqualTo("1.5");
    assertThat(Amounts.format(BigInteger.valueOf(79_999_999), 6)).isEqualTo("79.999999");
    assertThat(Amounts.format(BigInteger.TEN.pow(21), 18)).isEqualTo("1000");
    assertThat(Amounts.format(BigInteger.ZERO, 18)).isEqualTo("0");
  }
}
