package io.proofmint.cli;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** -v / -vv: how much the command logs (warnings only by default). */
public final class LoggingMixin {

  private static volatile boolean verbose;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log what the command does (-v: info, -vv: debug).")
  void setVerbose(boolean[] flags) {
    verbose = flags.length > 0;
    Level level = flags.length >= 2 ? Level.DEBUG : flags.length == 1 ? Level.INFO : Level.WARN;
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(level);
  }

  static boolean isVerbose() {
    return verbose;
  }
}
