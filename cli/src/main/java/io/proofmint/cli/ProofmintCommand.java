package io.proofmint.cli;

import io.proofmint.cli.bench.BenchCommand;
import io.proofmint.cli.config.RoleConfigs;
import io.proofmint.cli.demo.DemoCommand;
import io.proofmint.cli.keys.KeysCommand;
import io.proofmint.cli.role.ArtifactsCommand;
import io.proofmint.cli.role.DatasetCommand;
import io.proofmint.cli.role.VerifierCommand;
import io.proofmint.cli.role.WorkerCommand;
import io.proofmint.cli.stake.StakeCommand;
import io.proofmint.cli.usage.UsageCommand;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `proofmint` command: a thin root over one subcommand per role. */
@Command(
    name = "proofmint",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Verifiably trained, tokenized AI models: devnet, deployment, roles, demo.",
    footerHeading = "%nExit codes:%n",
    footer = {
      "0 done; 1 refused or failed (one line on stderr says why, -v shows details); 2 wrong"
          + " usage (unknown command or option, bad value). `devnet status` returns 3 when no"
          + " devnet runs.",
      "",
      "Example:",
      "  proofmint demo              # every role end to end on an embedded devnet",
      "  proofmint worker --help     # each command's options, with an example"
    },
    subcommands = {
      DevnetCommand.class,
      DeployCommand.class,
      DemoCommand.class,
      DatasetCommand.class,
      WorkerCommand.class,
      VerifierCommand.class,
      ArtifactsCommand.class,
      BenchCommand.class,
      io.proofmint.cli.settlement.SettlementCommand.class,
      io.proofmint.cli.settlement.ServeCommand.class,
      io.proofmint.cli.settlement.HolderCommand.class,
      KeysCommand.class,
      StakeCommand.class,
      io.proofmint.cli.owner.ModelCommand.class,
      io.proofmint.cli.owner.TaskCommand.class,
      UsageCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ProofmintCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by main and tests. */
  public static CommandLine commandLine() {
    CommandLine root =
        new CommandLine(new ProofmintCommand())
            .setExecutionExceptionHandler(new FailureHandler())
            .setCaseInsensitiveEnumValuesAllowed(true);
    RoleConfigs.install(root, System.getenv(), ProofmintCommand::workspaceDir);
    return root;
  }

  /** The workspace holding the roles' default config files; none outside a checkout. */
  private static Optional<Path> workspaceDir() {
    try {
      return Optional.of(Workspace.locate().dir());
    } catch (IllegalStateException notInACheckout) {
      // Expected outside a checkout: then there is no default file, and --config still works.
      return Optional.empty();
    }
  }
}
