package io.proofmint.settlement.index;

import static io.proofmint.settlement.db.Sql.amount;
import static io.proofmint.settlement.db.Sql.setAmount;

import io.proofmint.settlement.db.Sql;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Read queries over the indexed task events. */
public final class TaskIndex {

  private static final String LATER =
      "(l.block_number > e.block_number OR (l.block_number = e.block_number"
          + " AND l.log_index > e.log_index))";

  /**
   * Tasks a keeper may have to act on: Claimed or Committed (they may expire), Attested, Disputed
   * or Resolved (they may be finalized), and final tasks whose attesters have not been paid.
   */
  public List<IndexedTask> actionable(Connection c) throws SQLException {
    String sql =
        "SELECT e.task_id, e.kind, e.deadline FROM task_events e"
            + " WHERE e.kind IN ('CLAIMED', 'COMMITTED', 'ATTESTED', 'DISPUTED', 'RESOLVED',"
            + " 'FINALIZED', 'STALE', 'REJECTED')"
            + " AND NOT EXISTS (SELECT 1 FROM task_events l WHERE l.task_id = e.task_id"
            + " AND l.kind NOT IN ('SEED_DRAWN', 'REWARDS_PAID') AND "
            + LATER
            + ") AND NOT EXISTS (SELECT 1 FROM task_events l WHERE l.task_id = e.task_id"
            + " AND l.kind = 'REWARDS_PAID' AND "
            + LATER
            + ") ORDER BY e.task_id";
    List<IndexedTask> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        BigInteger taskId = amount(rs, "task_id");
        TaskEventKind kind = TaskEventKind.valueOf(rs.getString("kind"));
        Long deadline = Sql.nullableLong(rs, "deadline");
        List<String> attesters =
            kind == TaskEventKind.CLAIMED || kind == TaskEventKind.COMMITTED
                ? List.of()
                : attesters(c, taskId);
        out.add(new IndexedTask(taskId, kind, deadline, false, attesters));
      }
    }
    return out;
  }

  /** The task's latest state in the index, if it has any event. */
  public Optional<IndexedTask> task(Connection c, BigInteger taskId) throws SQLException {
    TaskEventKind status = null;
    Long deadline = null;
    boolean paid = false;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT kind, deadline FROM task_events WHERE task_id = ?"
                + " ORDER BY block_number, log_index")) {
      setAmount(ps, 1, taskId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TaskEventKind kind = TaskEventKind.valueOf(rs.getString("kind"));
          if (kind == TaskEventKind.REWARDS_PAID) {
            paid = true;
          } else if (kind.changesStatus()) {
            status = kind;
            deadline = Sql.nullableLong(rs, "deadline");
            paid = false;
          }
        }
      }
    }
    if (status == null) {
      return Optional.empty();
    }
    return Optional.of(new IndexedTask(taskId, status, deadline, paid, attesters(c, taskId)));
  }

  /**
   * The standing attesters of a task: the signers of its latest attestation batch, unless a dispute
   * committee overturned it afterwards, in which case the committee.
   */
  public List<String> attesters(Connection c, BigInteger taskId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT signers FROM task_events WHERE task_id = ? AND (kind = 'ATTESTED'"
                + " OR (kind = 'RESOLVED' AND overturned = TRUE))"
                + " ORDER BY block_number DESC, log_index DESC FETCH FIRST 1 ROWS ONLY")) {
      setAmount(ps, 1, taskId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getString(1) == null) {
          return List.of();
        }
        return Arrays.asList(rs.getString(1).split(","));
      }
    }
  }
}
