package io.proofmint.cli.usage;

import io.proofmint.cli.SuiteOptions;
import io.proofmint.cli.Workspace;
import io.proofmint.protocol.crypto.Address;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every `usage` command shares: the suite options and the model token of the channel. */
final class UsageOptions {

  @Mixin SuiteOptions suite;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "0xTOKEN",
      description = "The model token whose channel this is (the model paid for).")
  String model;

  /** --model checked as an address: a usage error (2) otherwise. */
  String model(CommandLine.Model.CommandSpec spec) {
    try {
      return Address.fromHex(model).toChecksumHex();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--model '" + model + "': expected a 0x-prefixed 20-byte address");
    }
  }

  /** Where the local voucher states live: `usage/` in the workspace (`.proofmint/usage/`). */
  static Path stateDir() {
    return Workspace.locate().dir().resolve("usage");
  }

  /** The state file of {@code view}'s channel. */
  static VoucherStateFile stateFile(ChannelView view) {
    return new VoucherStateFile(
        stateDir(), view.chainId(), view.escrow(), view.model(), view.user());
  }
}
