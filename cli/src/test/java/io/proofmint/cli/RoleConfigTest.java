package io.proofmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.cli.config.Role;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** Each role's config file reaches that role's parsed options (parsed only; no role starts). */
class RoleConfigTest {

  @TempDir Path dir;

  /** Parses `proofmint <role> --config FILE args` and returns the role's command line. */
  private CommandLine parse(Role role, String toml, String... args) throws IOException {
    Path file = Files.writeString(dir.resolve(role.fileName()), toml);
    List<String> all = new ArrayList<>(List.of(role.command().split(" ")));
    all.addAll(List.of("--config", file.toString()));
    all.addAll(List.of(args));
    CommandLine.ParseResult result =
        ProofmintCommand.commandLine().parseArgs(all.toArray(String[]::new));
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return result.commandSpec().commandLine();
  }

  private static Object value(CommandLine cmd, String option) {
    return cmd.getCommandSpec().findOption(option).getValue();
  }

  @Test
  void worker_takesItsRequiredOptionsAndTimeoutFromTheFile() throws IOException {
    CommandLine cmd =
        parse(
            Role.WORKER,
            """
            model = "model.json"
            dataset = "data"
            rpc = "http://127.0.0.1:8545"
            keystore = "trainer.json"
            password-file = "pw"
            receipt-timeout-seconds = 60
            threads = 3
            """,
            "--threads",
            "2");
    assertThat(value(cmd, "--model")).isEqualTo(Path.of("model.json"));
    assertThat(value(cmd, "--dataset")).isEqualTo(Path.of("data"));
    assertThat(value(cmd, "--rpc")).isEqualTo(URI.create("http://127.0.0.1:8545"));
    assertThat(value(cmd, "--keystore")).isEqualTo("trainer.json");
    assertThat(value(cmd, "--password-file")).isEqualTo(Path.of("pw"));
    assertThat(value(cmd, "--receipt-timeout-seconds")).isEqualTo(60L);
    assertThat(value(cmd, "--threads")).as("the flag wins over the file").isEqualTo(2);
  }

  @Test
  void verifierRun_takesModelsPeersAndConfirmationsFromTheFile() throws IOException {
    CommandLine cmd =
        parse(
            Role.VERIFIER,
            """
            model = [["model.json", "data"], ["m2.json", "d2"]]
            peer = ["http://127.0.0.1:9651", "http://127.0.0.1:9652"]
            confirmations = 5
            listen = "127.0.0.1:9700"
            """);
    assertThat(value(cmd, "--model"))
        .isEqualTo(
            List.of(Path.of("model.json"), Path.of("data"), Path.of("m2.json"), Path.of("d2")));
    assertThat(value(cmd, "--peer"))
        .isEqualTo(
            List.of(URI.create("http://127.0.0.1:9651"), URI.create("http://127.0.0.1:9652")));
    assertThat(value(cmd, "--confirmations")).isEqualTo(5);
    assertThat(value(cmd, "--listen")).isEqualTo("127.0.0.1:9700");
  }

  @Test
  void artifactsServe_takesItsPortAndBindAddressFromTheFile() throws IOException {
    CommandLine cmd = parse(Role.ARTIFACTS, "port = 9000\nbind = \"0.0.0.0\"\ndir = \"store\"\n");
    assertThat(value(cmd, "--port")).isEqualTo(9000);
    assertThat(value(cmd, "--bind")).isEqualTo("0.0.0.0");
    assertThat(value(cmd, "--dir")).isEqualTo(Path.of("store"));
  }

  @Test
  void settlementRun_takesTheKeepersOptionsFromTheFile() throws IOException {
    CommandLine cmd =
        parse(
            Role.SETTLEMENT,
            """
            rpc = "http://127.0.0.1:8545"
            db = "jdbc:h2:mem:keeper"
            confirmations = 4
            poll-interval = "2s"
            no-expire = true
            once = true
            """);
    assertThat(value(cmd, "--rpc")).isEqualTo(URI.create("http://127.0.0.1:8545"));
    assertThat(value(cmd, "--db")).isEqualTo("jdbc:h2:mem:keeper");
    assertThat(value(cmd, "--confirmations")).isEqualTo(4);
    assertThat(value(cmd, "--poll-interval")).isEqualTo(Duration.ofSeconds(2));
    assertThat(value(cmd, "--no-expire")).isEqualTo(true);
    assertThat(value(cmd, "--once")).isEqualTo(true);
  }

  @Test
  void serve_takesPriceAndPortFromTheFile_theModelStaysAnArgument() throws IOException {
    CommandLine cmd =
        parse(
            Role.SERVE,
            "price = 5000\nport = 8600\nmin-voucher-lifetime = \"2h\"\n",
            "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    assertThat(value(cmd, "--price")).isEqualTo(BigInteger.valueOf(5000));
    assertThat(value(cmd, "--port")).isEqualTo(8600);
    assertThat(value(cmd, "--min-voucher-lifetime")).isEqualTo(Duration.ofHours(2));
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void theExampleFileInOperatorsMd_parses(Role role) throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "operators.md"));
    Matcher block =
        Pattern.compile(
                "```toml\n# \\.proofmint/" + Pattern.quote(role.fileName()) + "\n(.*?)```",
                Pattern.DOTALL)
            .matcher(doc);
    assertThat(block.find()).as("docs/operators.md has an example %s", role.fileName()).isTrue();
    String[] args =
        role == Role.SERVE
            ? new String[] {"0x5FbDB2315678afecb367f032d93F642f64180aa3"}
            : new String[0];
    CommandLine cmd = parse(role, block.group(1), args);
    Path config = cmd.getCommandSpec().findOption("--config").getValue();
    assertThat(config).hasFileName(role.fileName());
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void everyRolesHelp_saysWhereItsConfigComesFrom(Role role) {
    CliRun run = CliRun.of((role.command() + " --help").split(" "));
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("--config=FILE", "Configuration", role.fileName(), role.variable("config"))
        .contains("flags > environment > file > defaults");
  }

  @Test
  void help_showsAValueTheFileSets() throws IOException {
    Path file = Files.writeString(dir.resolve("artifacts.toml"), "port = 9123\n");
    CliRun run = CliRun.of("artifacts", "serve", "--config", file.toString(), "--help");
    assertThat(run.out()).contains("(default: 9123)");
  }

  @Test
  void aBadFile_isAUsageError_exit2() throws IOException {
    Path file = Files.writeString(dir.resolve("artifacts.toml"), "prot = 9123\n");
    CliRun run = CliRun.of("artifacts", "serve", "--config", file.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("config file " + file, "key 'prot': unknown", "port");
  }
}
