package io.proofmint.wrappers.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.wrappers.tx.JournaledSender.Policy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournaledSenderTest {

  private final FakeNode node = new FakeNode();

  /** A crash of the process at a hook: nothing after it runs. */
  private static final class Crash extends RuntimeException {}

  private JournaledSender<String, RuntimeException> sender(
      MemoryJournal journal, Policy policy, BroadcastHooks<String> hooks) {
    return new JournaledSender<>(
        node, journal, node::mineAndAwait, policy, hooks, NodeCalls.direct());
  }

  private static BroadcastHooks<String> crashBefore() {
    return new BroadcastHooks<>() {
      @Override
      public void beforeBroadcast(JournaledTx<String> tx) {
        throw new Crash();
      }
    };
  }

  private static BroadcastHooks<String> crashAfter() {
    return new BroadcastHooks<>() {
      @Override
      public void afterBroadcast(JournaledTx<String> tx) {
        throw new Crash();
      }
    };
  }

  @Test
  void send_journalsTheTransactionBeforeItLeaves_andSettlesItMined() throws IOException {
    MemoryJournal journal = new MemoryJournal(true);
    List<Integer> journaledAtBroadcast = new ArrayList<>();
    BroadcastHooks<String> hooks =
        new BroadcastHooks<>() {
          @Override
          public void beforeBroadcast(JournaledTx<String> tx) {
            journaledAtBroadcast.add(journal.unresolved().size());
            assertThat(node.broadcasts).isEmpty();
          }
        };

    SendOutcome<String> out =
        sender(journal, Policy.LAND_JOURNALED, hooks).send("to", "d", s -> "s");

    assertThat(journaledAtBroadcast).containsExactly(1);
    assertThat(out)
        .isInstanceOfSatisfying(SendOutcome.Mined.class, m -> assertThat(m.succeeded()).isTrue());
    JournaledTx<String> tx = ((SendOutcome.Mined<String>) out).tx();
    assertThat(tx.nonce()).isEqualTo(5);
    assertThat(journal.entry(tx.hash()).fate()).isEqualTo(TxFate.MINED);
    assertThat(journal.unresolved()).isEmpty();
  }

  @Test
  void send_ofACallWhoseSimulationReverts_signsAndJournalsNothing() throws IOException {
    MemoryJournal journal = new MemoryJournal(true);
    node.revertsWith = "execution reverted: TooEarly";

    SendOutcome<String> out =
        sender(journal, Policy.REDECIDE, BroadcastHooks.none()).send("to", "d", s -> "s");

    assertThat(out).isEqualTo(new SendOutcome.NotNeeded<String>("execution reverted: TooEarly"));
    assertThat(node.signed).isZero();
    assertThat(journal.entries).isEmpty();
  }

  @Test
  void send_revertedOnChain_isSettledReverted() throws IOException {
    MemoryJournal journal = new MemoryJournal(false);
    node.reverting = true;

    SendOutcome<String> out =
        sender(journal, Policy.REDECIDE, BroadcastHooks.none()).send("to", "d", s -> "s");

    assertThat(out)
        .isInstanceOfSatisfying(SendOutcome.Mined.class, m -> assertThat(m.succeeded()).isFalse());
    assertThat(journal.entries.values())
        .extracting(MemoryJournal.Entry::fate)
        .containsExactly(TxFate.REVERTED);
  }

  @Test
  void redecide_aRefusal_dropsTheTransaction_withoutAskingTheNode() throws IOException {
    MemoryJournal journal = new MemoryJournal(false);
    node.refusesWith = "nonce too low";

    SendOutcome<String> out =
        sender(journal, Policy.REDECIDE, BroadcastHooks.none()).send("to", "d", s -> "s");

    assertThat(out).isInstanceOf(SendOutcome.Refused.class);
    MemoryJournal.Entry e = journal.entries.values().iterator().next();
    assertThat(e.fate()).isEqualTo(TxFate.DROPPED);
    assertThat(e.why()).isEqualTo("refused by the node: nonce too low");
  }

  @Test
  void landJournaled_aRefusalOfATransactionTheNodeHas_isNoRefusal() throws IOException {
    MemoryJournal journal = new MemoryJournal(true);
    // The first request reached the node; the client sent it again and the node refuses the repeat.
    TxSubmitter.Signed first = node.sign("to", "d", null);
    node.pool.put(first.hash(), first);
    node.refusesWith = "already known";

    SendOutcome<String> out =
        sender(journal, Policy.LAND_JOURNALED, BroadcastHooks.none()).send("to", "d", s -> "s");

    assertThat(out)
        .isInstanceOfSatisfying(
            SendOutcome.Mined.class, m -> assertThat(m.tx().hash()).isEqualTo(first.hash()));
    assertThat(journal.entry(first.hash()).fate()).isEqualTo(TxFate.MINED);
  }

  @Test
  void landJournaled_restartAfterJournalingBeforeBroadcast_sendsTheSameTransaction()
      throws IOException {
    MemoryJournal journal = new MemoryJournal(true);
    assertThatThrownBy(
            () -> sender(journal, Policy.LAND_JOURNALED, crashBefore()).send("to", "d", s -> "s"))
        .isInstanceOf(Crash.class);
    JournaledTx<String> journaled = journal.unresolved().get(0);
    assertThat(node.broadcasts).isEmpty();

    ResumeOutcome<String> out =
        sender(journal, Policy.LAND_JOURNALED, BroadcastHooks.none()).resume(journaled);

    assertThat(out).isInstanceOf(ResumeOutcome.Mined.class);
    assertThat(node.broadcasts).containsExactly(journaled.raw());
    assertThat(node.signed).as("no second signature").isEqualTo(1);
    assertThat(journal.entry(journaled.hash()).fate()).isEqualTo(TxFate.MINED);
  }

  @Test
  void landJournaled_restartAfterBroadcastBeforeReceipt_waitsWithoutSendingAgain()
      throws IOException {
    MemoryJournal journal = new MemoryJournal(true);
    assertThatThrownBy(
            () -> sender(journal, Policy.LAND_JOURNALED, crashAfter()).send("to", "d", s -> "s"))
        .isInstanceOf(Crash.class);
    JournaledTx<String> journaled = journal.unresolved().get(0);

    ResumeOutcome<String> out =
        sender(journal, Policy.LAND_JOURNALED, BroadcastHooks.none()).resume(journaled);

    assertThat(out).isInstanceOf(ResumeOutcome.Mined.class);
    assertThat(node.broadcasts).hasSize(1);
    assertThat(journal.unresolved()).isEmpty();
  }

  @Test
  void landJournaled_aDroppedTransaction_isSentAgainWithItsOwnNonce() throws IOException {
    MemoryJournal journal = new MemoryJournal(true);
    assertThatThrownBy(
            () -> sender(journal, Policy.LAND_JOURNALED, crashAfter()).send("to", "d", s -> "s"))
        .isInstanceOf(Crash.class);
    JournaledTx<String> journaled = journal.unresolved().get(0);
    node.dropPool();

    ResumeOutcome<String> out =
        sender(journal, Policy.LAND_JOURNALED, BroadcastHooks.none()).resume(journaled);

    assertThat(out)
        .isInstanceOfSatisfying(
            ResumeOutcome.Mined.class, m -> assertThat(m.tx().nonce()).isEqualTo(5));
    assertThat(node.broadcasts).containsExactly(journaled.raw(), journaled.raw());
    assertThat(node.signed).isEqualTo(1);
  }

  @Test
  void landJournaled_aDroppedTransactionRefusedAgain_isDropped_forTheCallerToSignAnew()
      throws IOException {
    MemoryJournal journal = new MemoryJournal(true);
    assertThatThrownBy(
            () -> sender(journal, Policy.LAND_JOURNALED, crashAfter()).send("to", "d", s -> "s"))
        .isInstanceOf(Crash.class);
    JournaledTx<String> journaled = journal.unresolved().get(0);
    node.dropPool();
    node.refusesWith = "nonce too low"; // its nonce went to another transaction meanwhile

    ResumeOutcome<String> out =
        sender(journal, Policy.LAND_JOURNALED, BroadcastHooks.none()).resume(journaled);

    assertThat(out).isEqualTo(new ResumeOutcome.Dropped<>(journaled, "nonce too low"));
    assertThat(journal.entry(journaled.hash()).fate()).isEqualTo(TxFate.DROPPED);
  }

  @Test
  void redecide_restartAfterJournalingBeforeBroadcast_dropsTheUnknownTransaction()
      throws IOException {
    MemoryJournal journal = new MemoryJournal(false);
    assertThatThrownBy(
            () -> sender(journal, Policy.REDECIDE, crashBefore()).send("to", "d", s -> "s"))
        .isInstanceOf(Crash.class);
    JournaledTx<String> journaled = journal.unresolved().get(0);
    assertThat(journaled.raw()).isNull();

    ResumeOutcome<String> out =
        sender(journal, Policy.REDECIDE, BroadcastHooks.none()).resume(journaled);

    assertThat(out)
        .isEqualTo(new ResumeOutcome.Dropped<>(journaled, "unknown to the node at reconciliation"));
    assertThat(node.broadcasts).as("never sent again").isEmpty();
    assertThat(journal.entry(journaled.hash()).why())
        .isEqualTo("unknown to the node at reconciliation");
  }

  @Test
  void redecide_restartAfterBroadcastBeforeReceipt_keepsAPendingTransactionUnresolved()
      throws IOException {
    MemoryJournal journal = new MemoryJournal(false);
    assertThatThrownBy(
            () -> sender(journal, Policy.REDECIDE, crashAfter()).send("to", "d", s -> "s"))
        .isInstanceOf(Crash.class);
    JournaledTx<String> journaled = journal.unresolved().get(0);
    var resuming = sender(journal, Policy.REDECIDE, BroadcastHooks.none());

    assertThat(resuming.resume(journaled)).isEqualTo(new ResumeOutcome.Pending<>(journaled));
    assertThat(journal.unresolved()).containsExactly(journaled);

    node.mine();
    assertThat(resuming.resume(journaled)).isInstanceOf(ResumeOutcome.Mined.class);
    assertThat(journal.entry(journaled.hash()).fate()).isEqualTo(TxFate.MINED);
  }

  @Test
  void aReceiptWaitThatGivesUp_leavesTheTransactionUnresolved() {
    MemoryJournal journal = new MemoryJournal(true);
    JournaledSender<String, RuntimeException> sender =
        new JournaledSender<>(
            node,
            journal,
            tx -> {
              throw new IOException("no receipt within 1 s");
            },
            Policy.LAND_JOURNALED,
            BroadcastHooks.none(),
            NodeCalls.direct());

    assertThatThrownBy(() -> sender.send("to", "d", s -> "s"))
        .isInstanceOf(IOException.class)
        .hasMessage("no receipt within 1 s");
    assertThat(journal.unresolved()).hasSize(1);
  }

  @Test
  void nodeCalls_seeEveryCall_beforeAndAfterTheTransactionWasJournaled() throws IOException {
    MemoryJournal journal = new MemoryJournal(true);
    List<String> calls = new ArrayList<>();
    NodeCalls<String> recording =
        new NodeCalls<>() {
          @Override
          public <T> T beforeSending(String doing, NodeCall<T> call) throws IOException {
            calls.add("before: " + doing);
            return call.call();
          }

          @Override
          public <T> T afterSending(JournaledTx<String> tx, String doing, NodeCall<T> call)
              throws IOException {
            calls.add("after: " + doing + " " + tx.subject());
            return call.call();
          }
        };
    new JournaledSender<>(
            node,
            journal,
            node::mineAndAwait,
            Policy.LAND_JOURNALED,
            BroadcastHooks.none(),
            recording)
        .send("to", "d", s -> "commit");

    assertThat(calls)
        .containsExactly(
            "before: estimating its gas",
            "before: reading its nonce and fees",
            "after: sending commit");
  }
}
