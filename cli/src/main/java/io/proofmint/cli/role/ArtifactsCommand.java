package io.proofmint.cli.role;

import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.Workspace;
import io.proofmint.cli.config.ConfigOption;
import io.proofmint.protocol.artifacts.ArtifactServer;
import io.proofmint.protocol.artifacts.ArtifactServerConfig;
import io.proofmint.protocol.artifacts.LocalArtifactStore;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint artifacts serve`: serve a content-addressed artifact store over HTTP. */
@Command(
    name = "artifacts",
    footer = {"", "Example:", "  proofmint artifacts serve --dir .proofmint/artifacts --port 8547"},
    mixinStandardHelpOptions = true,
    description = "The content-addressed artifact store that holds proof bundles.",
    subcommands = {ArtifactsCommand.Serve.class})
public final class ArtifactsCommand {

  /** `artifacts serve`. */
  @Command(
      name = "serve",
      footer = {
        "",
        "Example:",
        "  proofmint artifacts serve --dir .proofmint/artifacts --port 8547"
      },
      mixinStandardHelpOptions = true,
      description =
          "Serve an artifact store read-only over HTTP (GET/HEAD /artifacts/<kind>/<hash>, GET /health) until interrupted. Fetchers re-hash every body, so a mirror needs no trust.")
  static final class Serve implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ConfigOption config;
    @Mixin LoggingMixin logging;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "The store (default: .proofmint/artifacts).")
    Path dir;

    @Option(
        names = "--bind",
        defaultValue = "127.0.0.1",
        description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
        names = "--port",
        defaultValue = "8547",
        description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
      Path store = dir != null ? dir : Workspace.locate().dir().resolve("artifacts");
      ArtifactServerConfig config =
          ArtifactServerConfig.loopback()
              .withBindAddress(InetAddress.getByName(bind))
              .withPort(port);
      try (ArtifactServer server = ArtifactServer.start(new LocalArtifactStore(store), config)) {
        spec.commandLine()
            .getOut()
            .printf("serving %s at %s (Ctrl-C stops)%n", store, server.baseUri());
        spec.commandLine().getOut().flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
      }
      return 0;
    }
  }
}
