package io.proofmint.cli.role;

import io.proofmint.cli.LoggingMixin;
import io.proofmint.protocol.dataset.Dataset;
import io.proofmint.protocol.dataset.DatasetCommitment;
import io.proofmint.protocol.dataset.DatasetWriter;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.data.CsvExamplesLoader;
import io.proofmint.worker.data.IdxExamplesLoader;
import io.proofmint.worker.data.SyntheticTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `proofmint dataset`: turn examples into content-addressed shards and print the dataset root. */
@Command(
    name = "dataset",
    footer = {
      "",
      "Example:",
      "  proofmint dataset synth data --examples 4000 --features 64 --classes 10 \\",
      "      --seed 1"
    },
    mixinStandardHelpOptions = true,
    description = "Commit a dataset: shards, shard hashes and the Merkle root models register.",
    subcommands = {DatasetCommand.Commit.class, DatasetCommand.Synth.class})
public final class DatasetCommand {

  /** `dataset commit`. */
  @Command(
      name = "commit",
      footer = {
        "",
        "Example:",
        "  proofmint dataset commit data --csv examples.csv   # label in the last column",
        "  proofmint dataset commit data                     # re-hash, print the root"
      },
      mixinStandardHelpOptions = true,
      description =
          "Print the root of a committed dataset DIR (one holding dataset.json: every shard is re-hashed), or commit examples: with --csv FILE or --idx IMAGES LABELS, write shards and dataset.json into DIR, then print the root.")
  static final class Commit implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin LoggingMixin logging;

    @Parameters(paramLabel = "DIR", description = "The dataset directory.")
    Path dir;

    @Option(names = "--csv", paramLabel = "FILE", description = "Examples as CSV, label last.")
    Path csv;

    @Option(
        names = "--idx",
        arity = "2",
        paramLabel = "FILE",
        description = "Examples as MNIST-format IDX files: images, then labels (.gz allowed).")
    Path[] idx;

    @Option(
        names = "--classes",
        description = "IDX only: number of classes (default: the largest label + 1).")
    Integer classes;

    @Option(
        names = "--shard-size",
        defaultValue = "10000",
        description = "Examples per shard (default: ${DEFAULT-VALUE}).")
    int shardSize;

    @Override
    public Integer call() throws Exception {
      Examples examples = null;
      if (csv != null && idx != null) {
        throw new IllegalArgumentException("give --csv or --idx, not both");
      }
      if (csv != null) {
        examples = CsvExamplesLoader.load(csv);
      } else if (idx != null) {
        examples =
            classes == null
                ? IdxExamplesLoader.load(idx[0], idx[1])
                : IdxExamplesLoader.load(idx[0], idx[1], classes);
      }
      DatasetCommitment commitment;
      if (examples == null) {
        Path manifest = dir.resolve(DatasetWriter.MANIFEST);
        if (!Files.exists(manifest)) {
          throw new IllegalArgumentException(
              dir
                  + " holds no "
                  + DatasetWriter.MANIFEST
                  + ": pass --csv or --idx to commit examples");
        }
        commitment = Dataset.load(manifest).commitment(); // re-hashes every shard
      } else {
        commitment =
            DatasetWriter.write(
                dir,
                examples.featureCount(),
                examples.classCount(),
                examples.features(),
                examples.labels(),
                shardSize);
      }
      spec.commandLine()
          .getErr()
          .printf(
              "%s: %d shards, %d features, %d classes%n",
              dir, commitment.shards().size(), commitment.featureCount(), commitment.classCount());
      spec.commandLine().getOut().println(commitment.root());
      return 0;
    }
  }

  /** `dataset synth`. */
  @Command(
      name = "synth",
      footer = {
        "",
        "Example:",
        "  proofmint dataset synth data --examples 4000 --features 64 --classes 10 \\",
        "      --seed 1"
      },
      mixinStandardHelpOptions = true,
      description =
          "Write a seeded synthetic but learnable classification dataset (Gaussian class clusters)"
              + " into DIR and print its root. Nothing is downloaded.")
  static final class Synth implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin LoggingMixin logging;

    @Parameters(paramLabel = "DIR", description = "Where to write the shards.")
    Path dir;

    @Option(
        names = "--examples",
        defaultValue = "4000",
        description = "Examples (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(
        names = "--features",
        defaultValue = "64",
        description = "Features (default: ${DEFAULT-VALUE}).")
    int features;

    @Option(
        names = "--classes",
        defaultValue = "10",
        description = "Classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--shard-size",
        defaultValue = "1000",
        description = "Examples per shard (default: ${DEFAULT-VALUE}).")
    int shardSize;

    @Override
    public Integer call() throws Exception {
      Examples data = SyntheticTask.gaussianClusters(seed, examples, features, classes);
      DatasetCommitment commitment =
          DatasetWriter.write(dir, features, classes, data.features(), data.labels(), shardSize);
      spec.commandLine().getOut().println(commitment.root());
      return 0;
    }
  }
}
