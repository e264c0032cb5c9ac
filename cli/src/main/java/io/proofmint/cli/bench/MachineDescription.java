package io.proofmint.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line saying what a benchmark ran on: CPU model, cores, memory, OS and JVM. */
public final class MachineDescription {

  private MachineDescription() {}

  public static String current() {
    Runtime rt = Runtime.getRuntime();
    return String.format(
        "%s, %d cores, %d GiB max heap, %s %s, Java %s",
        cpuModel(),
        rt.availableProcessors(),
        rt.maxMemory() >> 30,
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"));
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }
}
