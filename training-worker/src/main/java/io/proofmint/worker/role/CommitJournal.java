package io.proofmint.worker.role;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.wrappers.tx.FileTxJournal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainer's journal of the commit transaction it signed, in a task's working directory: written
 * before the transaction goes to the node and deleted once its receipt is known, so a run that lost
 * the node in between knows, when run again, which transaction may be on its way and waits for it
 * (or sends that very transaction again) instead of signing a second commit.
 */
public final class CommitJournal {

  /** The journal's file name in a task's working directory. */
  public static final String FILE = "commit-tx.json";

  /** What a commit transaction is for: the task and the root it commits. */
  public record CommitOf(BigInteger taskId, Hash32 root) {
    @Override
    public String toString() {
      return "commit of task " + taskId + " root " + root;
    }
  }

  private static final FileTxJournal.SubjectCodec<CommitOf> CODEC =
      new FileTxJournal.SubjectCodec<>() {
        @Override
        public List<String> fields() {
          return List.of("taskId", "root");
        }

        @Override
        public Map<String, String> write(CommitOf subject) {
          Map<String, String> fields = new LinkedHashMap<>();
          fields.put("taskId", subject.taskId().toString());
          fields.put("root", subject.root().toHex());
          return fields;
        }

        @Override
        public CommitOf read(Map<String, String> fields) {
          return new CommitOf(
              new BigInteger(fields.get("taskId")), Hash32.fromHex(fields.get("root")));
        }
      };

  private CommitJournal() {}

  /** The journal in {@code file} (usually {@code taskDir.resolve(FILE)}). */
  public static FileTxJournal<CommitOf> at(Path file) {
    return new FileTxJournal<>(file, "pending commit", CODEC);
  }
}
