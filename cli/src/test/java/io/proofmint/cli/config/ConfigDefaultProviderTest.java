package io.proofmint.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

class ConfigDefaultProviderTest {

  @TempDir Path dir;

  @Command(name = "sample", mixinStandardHelpOptions = true)
  static final class Sample {
    @Mixin ConfigOption config;

    @Option(names = "--rpc")
    URI rpc;

    @Option(names = "--confirmations", defaultValue = "3")
    int confirmations;

    @Option(names = "--peer", split = ",")
    List<URI> peers = List.of();

    @Option(
        names = "--model",
        arity = "2",
        parameterConsumer = ValuePairs.class,
        paramLabel = "FILE DIR")
    List<Path> models;

    @Option(names = "--once")
    boolean once;

    @Option(names = "--password-file")
    Path passwordFile;
  }

  private Path defaultFile() {
    return dir.resolve("verifier.toml");
  }

  private Sample parse(Map<String, String> env, String... args) {
    Sample sample = new Sample();
    CommandLine cmd = new CommandLine(sample);
    cmd.getCommandSpec()
        .defaultValueProvider(
            new ConfigDefaultProvider(
                Role.VERIFIER, cmd.getCommandSpec(), env, () -> Optional.of(defaultFile())));
    cmd.parseArgs(args);
    return sample;
  }

  private Path write(Path file, String toml) throws IOException {
    Files.writeString(file, toml);
    return file;
  }

  @Test
  void withoutFlagEnvironmentOrFile_theOptionsKeepTheirDefaults() {
    Sample s = parse(Map.of());
    assertThat(s.confirmations).isEqualTo(3);
    assertThat(s.rpc).isNull();
    assertThat(s.peers).isEmpty();
  }

  @Test
  void theFile_overridesTheDefault() throws IOException {
    write(defaultFile(), "confirmations = 7\nrpc = \"http://127.0.0.1:8545\"\nonce = true\n");
    Sample s = parse(Map.of());
    assertThat(s.confirmations).isEqualTo(7);
    assertThat(s.rpc).isEqualTo(URI.create("http://127.0.0.1:8545"));
    assertThat(s.once).isTrue();
  }

  @Test
  void theEnvironment_overridesTheFile() throws IOException {
    write(defaultFile(), "confirmations = 7\n");
    Sample s = parse(Map.of("PROOFMINT_VERIFIER_CONFIRMATIONS", "9"));
    assertThat(s.confirmations).isEqualTo(9);
  }

  @Test
  void aFlag_overridesTheEnvironment() throws IOException {
    write(defaultFile(), "confirmations = 7\n");
    Sample s = parse(Map.of("PROOFMINT_VERIFIER_CONFIRMATIONS", "9"), "--confirmations", "11");
    assertThat(s.confirmations).isEqualTo(11);
  }

  @Test
  void aSharedVariable_ranksBelowTheRolesOwnAndAboveTheFile() throws IOException {
    write(defaultFile(), "rpc = \"http://file:1\"\n");
    assertThat(parse(Map.of("PROOFMINT_RPC", "http://shared:2")).rpc)
        .isEqualTo(URI.create("http://shared:2"));
    assertThat(
            parse(
                    Map.of(
                        "PROOFMINT_RPC",
                        "http://shared:2",
                        "PROOFMINT_VERIFIER_RPC",
                        "http://own:3"))
                .rpc)
        .isEqualTo(URI.create("http://own:3"));
  }

  @Test
  void aRepeatableOption_takesAnArray_andFlagsReplaceIt() throws IOException {
    write(defaultFile(), "peer = [\"http://a:9651\", \"http://b:9652\"]\n");
    assertThat(parse(Map.of()).peers)
        .containsExactly(URI.create("http://a:9651"), URI.create("http://b:9652"));
    assertThat(parse(Map.of(), "--peer", "http://c:9653").peers)
        .containsExactly(URI.create("http://c:9653"));
    assertThat(parse(Map.of("PROOFMINT_VERIFIER_PEER", "http://d:1,http://e:2")).peers)
        .containsExactly(URI.create("http://d:1"), URI.create("http://e:2"));
  }

  @Test
  void aGroupOption_takesAnArrayOfGroups() throws IOException {
    write(defaultFile(), "model = [[\"m.json\", \"data\"], [\"m2.json\", \"d2\"]]\n");
    assertThat(parse(Map.of()).models)
        .containsExactly(Path.of("m.json"), Path.of("data"), Path.of("m2.json"), Path.of("d2"));
    assertThat(parse(Map.of(), "--model", "x.json", "xd").models)
        .containsExactly(Path.of("x.json"), Path.of("xd"));
  }

  @Test
  void aGroupOptionOnTheCommandLine_stillNeedsAllItsValues() {
    assertThatThrownBy(() -> parse(Map.of(), "--model", "only.json"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--model: expected FILE DIR, got 1 of its values");
    assertThatThrownBy(() -> parse(Map.of(), "--model", "m.json", "--once"))
        .hasMessageContaining("--model: expected FILE DIR, got 1 of its values");
  }

  @Test
  void anUnknownKey_isAnErrorNamingTheFileTheKeyAndTheKeysExpected() throws IOException {
    Path file = write(dir.resolve("custom.toml"), "confirmation = 3\n");
    assertThatThrownBy(() -> parse(Map.of(), "--config", file.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("config file " + file)
        .hasMessageContaining("key 'confirmation': unknown; expected one of")
        .hasMessageContaining("confirmations, model, once, password-file, peer, rpc");
  }

  @Test
  void aValueOfTheWrongType_isAnErrorSayingWhatWasExpected() throws IOException {
    write(defaultFile(), "confirmations = \"3\"\n");
    assertThatThrownBy(() -> parse(Map.of()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("config file " + defaultFile())
        .hasMessageContaining(
            "key 'confirmations' (--confirmations): expected an integer, got a string");
    write(defaultFile(), "peer = \"http://a:1\"\n");
    assertThatThrownBy(() -> parse(Map.of()))
        .hasMessageContaining("key 'peer' (--peer): expected an array of URLs, got a string");
    write(defaultFile(), "model = [\"m.json\", \"data\"]\n");
    assertThatThrownBy(() -> parse(Map.of()))
        .hasMessageContaining("key 'model' (--model): expected an array of [FILE, DIR] arrays");
  }

  @Test
  void aWrongEnvironmentValue_isAnErrorNamingTheVariable() {
    assertThatThrownBy(() -> parse(Map.of("PROOFMINT_VERIFIER_CONFIRMATIONS", "three")))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("env PROOFMINT_VERIFIER_CONFIRMATIONS (--confirmations): expected");
  }

  @Test
  void aMissingExplicitFile_isAnError_aMissingDefaultFileIsFine() {
    Path missing = dir.resolve("nope.toml");
    assertThatThrownBy(() -> parse(Map.of(), "--config", missing.toString()))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("config file " + missing + " (--config): no such file");
    assertThatThrownBy(() -> parse(Map.of("PROOFMINT_VERIFIER_CONFIG", missing.toString())))
        .hasMessageContaining("(env PROOFMINT_VERIFIER_CONFIG): no such file");
    assertThat(parse(Map.of()).confirmations).isEqualTo(3);
  }

  @Test
  void theExplicitFile_replacesTheDefaultOne() throws IOException {
    write(defaultFile(), "confirmations = 7\n");
    Path other = write(dir.resolve("other.toml"), "confirmations = 8\n");
    assertThat(parse(Map.of(), "--config", other.toString()).confirmations).isEqualTo(8);
    assertThat(parse(Map.of("PROOFMINT_VERIFIER_CONFIG", other.toString())).confirmations)
        .isEqualTo(8);
  }

  @Test
  void aPassword_isNeverTakenFromTheFile() throws IOException {
    write(defaultFile(), "password = \"hunter2\"\n");
    assertThatThrownBy(() -> parse(Map.of()))
        .hasMessageContaining("key 'password': a password is never read from a config file")
        .hasMessageNotContaining("hunter2");
    write(defaultFile(), "rpc = \"http://node:8545/?user=a&password=hunter2\"\n");
    assertThatThrownBy(() -> parse(Map.of()))
        .hasMessageContaining("key 'rpc': holds a password")
        .hasMessageContaining("env PROOFMINT_VERIFIER_RPC or PROOFMINT_RPC")
        .hasMessageNotContaining("hunter2");
    write(defaultFile(), "password-file = \"pw\"\n");
    assertThat(parse(Map.of()).passwordFile).isEqualTo(Path.of("pw"));
  }

  @Test
  void aFileOthersMayWrite_isRefused() throws IOException {
    write(defaultFile(), "confirmations = 7\n");
    Files.setPosixFilePermissions(defaultFile(), PosixFilePermissions.fromString("rw-rw-r--"));
    assertThatThrownBy(() -> parse(Map.of()))
        .hasMessageContaining("expected only its owner to be able to write it, got mode rw-rw-r--");
  }

  @Test
  void aFileThatIsNotToml_isAnErrorWithItsLine() throws IOException {
    write(defaultFile(), "confirmations = 7\nrpc = \"http://x\n");
    assertThatThrownBy(() -> parse(Map.of()))
        .hasMessageContaining("config file " + defaultFile() + ": expected TOML, line 2");
  }

  @Test
  void anEditedFile_isReadAgainOnTheNextParse() throws IOException {
    write(defaultFile(), "confirmations = 7\n");
    Sample sample = new Sample();
    CommandLine cmd = new CommandLine(sample);
    cmd.getCommandSpec()
        .defaultValueProvider(
            new ConfigDefaultProvider(
                Role.VERIFIER, cmd.getCommandSpec(), Map.of(), () -> Optional.of(defaultFile())));
    cmd.parseArgs();
    assertThat(sample.confirmations).isEqualTo(7);
    write(defaultFile(), "confirmations = 12345\n");
    cmd.parseArgs();
    assertThat(sample.confirmations).isEqualTo(12345);
  }
}
