package io.proofmint.settlement.index;

import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.wrappers.generated.ModelToken;
import io.proofmint.wrappers.generated.RevenueRouter;
import io.proofmint.wrappers.generated.TrainingRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * An in-memory chain for indexer tests: blocks with hashes that chain to their parents, logs with
 * real ABI encodings of the events the indexer reads, and reorgs (truncate, then mine a different
 * branch).
 */
final class FakeChain implements ChainSource {

  static final String REGISTRY = "0x00000000000000000000000000000000000000e1";
  static final String ROUTER = "0x00000000000000000000000000000000000000e2";
  static final String ESCROW = "0x00000000000000000000000000000000000000e3";

  record LogSpec(String address, List<String> topics, String data) {}

  private record Block(BlockRef ref, List<Log> logs) {}

  private final List<Block> blocks = new ArrayList<>();
  private int branch;
  int getLogsCalls;

  FakeChain() {
    blocks.add(new Block(new BlockRef(0, hash("genesis"), hash("none"), 1_000), List.of()));
  }

  static IndexTarget target() {
    return new IndexTarget(31337, REGISTRY, ROUTER, ESCROW, 1);
  }

  /** Mines one block holding {@code logs}; returns its number. */
  long mine(LogSpec... logs) {
    Block parent = blocks.get(blocks.size() - 1);
    long number = parent.ref().number() + 1;
    String blockHash = hash("block/" + number + "/branch/" + branch);
    List<Log> out = new ArrayList<>();
    for (int i = 0; i < logs.length; i++) {
      LogSpec s = logs[i];
      out.add(
          new Log(
              false,
              Numeric.toHexStringWithPrefix(BigInteger.valueOf(i)),
              "0x0",
              hash("tx/" + number + "/" + i + "/" + branch),
              blockHash,
              Numeric.toHexStringWithPrefix(BigInteger.valueOf(number)),
              s.address(),
              s.data(),
              null,
              s.topics()));
    }
    blocks.add(
        new Block(new BlockRef(number, blockHash, parent.ref().hash(), 1_000 + 12 * number), out));
    return number;
  }

  /** Drops every block above {@code number}; later blocks form another branch. */
  void reorgTo(long number) {
    while (blocks.size() - 1 > number) {
      blocks.remove(blocks.size() - 1);
    }
    branch++;
  }

  BlockRef ref(long number) {
    return blocks.get((int) number).ref();
  }

  @Override
  public long headNumber() {
    return blocks.size() - 1;
  }

  @Override
  public Optional<BlockRef> block(long number) {
    return number < blocks.size() ? Optional.of(blocks.get((int) number).ref()) : Optional.empty();
  }

  @Override
  public List<BlockRef> blocks(long from, long to) {
    List<BlockRef> out = new ArrayList<>();
    for (long n = from; n <= to && n < blocks.size(); n++) {
      out.add(blocks.get((int) n).ref());
    }
    return out;
  }

  @Override
  public List<Log> logs(long from, long to, Collection<String> addresses, Collection<String> topics)
      throws IOException {
    getLogsCalls++;
    List<Log> out = new ArrayList<>();
    for (long n = from; n <= to && n < blocks.size(); n++) {
      for (Log log : blocks.get((int) n).logs()) {
        if (addresses.contains(log.getAddress().toLowerCase(Locale.ROOT))
            && topics.contains(log.getTopics().get(0))) {
          out.add(log);
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------- events

  static LogSpec taskCreated(long taskId, long modelId, long reward) {
    return new LogSpec(
        REGISTRY,
        List.of(
            EventEncoder.encode(TrainingRegistry.TASKCREATED_EVENT),
            word(new Uint256(taskId)),
            word(new Uint256(modelId))),
        data(
            new Bytes32(new byte[32]),
            new Uint64(16),
            new Uint256(reward),
            new Uint256(30),
            new Uint64(3600)));
  }

  static LogSpec revenuePaid(String token, String payer, long amount) {
    return new LogSpec(
        ROUTER,
        List.of(
            EventEncoder.encode(RevenueRouter.REVENUEPAID_EVENT),
            word(new Address(token)),
            word(new Address(payer))),
        data(
            new Uint256(amount),
            new Uint256(amount * 8 / 10),
            new Uint256(amount / 10),
            new Uint256(amount - amount * 8 / 10 - amount / 10)));
  }

  static LogSpec modelRegistered(long modelId, String token, String owner, String symbol) {
    TrainingRegistry.Rules rules =
        new TrainingRegistry.Rules(
            BigInteger.valueOf(4),
            BigInteger.valueOf(3),
            BigInteger.valueOf(3),
            BigInteger.valueOf(5),
            BigInteger.ZERO,
            BigInteger.ZERO,
            BigInteger.valueOf(3600),
            BigInteger.valueOf(3600),
            BigInteger.TEN,
            BigInteger.TWO);
    @SuppressWarnings("rawtypes") // FunctionEncoder takes List<Type>
    String data =
        FunctionEncoder.encodeConstructor(
            List.<Type>of(
                new Bytes32(new byte[32]),
                new Bytes32(new byte[32]),
                new Bytes32(new byte[32]),
                rules,
                new Utf8String("Model " + symbol),
                new Utf8String(symbol),
                new Uint256(1000)));
    return new LogSpec(
        REGISTRY,
        List.of(
            EventEncoder.encode(TrainingRegistry.MODELREGISTERED_EVENT),
            word(new Uint256(modelId)),
            word(new Address(owner)),
            word(new Address(token))),
        "0x" + data);
  }

  static LogSpec transfer(String token, String from, String to, long amount) {
    return new LogSpec(
        token,
        List.of(
            EventEncoder.encode(ModelToken.TRANSFER_EVENT),
            word(new Address(from)),
            word(new Address(to))),
        data(new Uint256(amount)));
  }

  static String hash(String label) {
    return Keccak.hashUtf8(label).toHex();
  }

  private static String word(Type<?> value) {
    return "0x" + TypeEncoder.encode(value);
  }

  private static String data(Type<?>... values) {
    StringBuilder sb = new StringBuilder("0x");
    for (Type<?> v : values) {
      sb.append(TypeEncoder.encode(v));
    }
    return sb.toString();
  }
}
