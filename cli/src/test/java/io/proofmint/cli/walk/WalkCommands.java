package io.proofmint.cli.walk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proofmint.cli.walk.CliProcesses.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The walk's recurring commands, each run as its own process in the walk's environment: a new key,
 * the keeper's one pass, `task show` (and waiting for a status), and the checks on a result.
 */
final class WalkCommands {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CliProcesses cli;
  private final Map<String, String> env;

  WalkCommands(CliProcesses cli, Map<String, String> env) {
    this.cli = cli;
    this.env = env;
  }

  Result keeperOnce(String keeper, Path pw) throws Exception {
    return cli.run(
        "settlement-once",
        env,
        "settlement",
        "run",
        "--once",
        "--redeem-delay",
        "1s",
        "--keystore",
        keeper,
        "--password-file",
        pw.toString());
  }

  JsonNode awaitTask(String status, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    JsonNode task = taskShow();
    while (!task.get("status").asText().equals(status) && System.nanoTime() < end) {
      Thread.sleep(1_000);
      task = taskShow();
    }
    assertThat(task.get("status").asText()).as(task.toString()).isEqualTo(status);
    return task;
  }

  JsonNode taskShow() throws Exception {
    return json(ok(cli.run("task-show", env, "task", "show", "1", "--json")));
  }

  static boolean isFinalized(JsonNode task) {
    return task.get("status").asText().equals("finalized");
  }

  String newKey(String role, Path pw) throws Exception {
    String address =
        ok(cli.run(
                "keys-new-" + role,
                env,
                "keys",
                "new",
                "--light",
                "--password-file",
                pw.toString()))
            .out()
            .strip();
    assertThat(address).startsWith("0x").hasSize(42);
    return address;
  }

  static Result ok(Result result) {
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return result;
  }

  static JsonNode json(Result result) throws Exception {
    return JSON.readTree(result.out());
  }
}
