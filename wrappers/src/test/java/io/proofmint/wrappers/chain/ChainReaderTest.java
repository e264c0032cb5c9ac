package io.proofmint.wrappers.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proofmint.wrappers.ChainAccessException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Service;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;

class ChainReaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A node that answers every request with the next canned result and keeps the requests. */
  private static final class CannedNode extends Service {
    final List<JsonNode> requests = new ArrayList<>();
    final List<String> answers = new ArrayList<>();

    CannedNode() {
      super(false);
    }

    @Override
    protected InputStream performIO(String payload) throws IOException {
      requests.add(JSON.readTree(payload));
      String body = "{\"jsonrpc\":\"2.0\",\"id\":1," + answers.remove(0) + "}";
      return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {}
  }

  private final CannedNode node = new CannedNode();
  private final ChainReader reader = new ChainReader(Web3j.build(node));

  private static String log(long block) {
    return "{\"removed\":false,\"logIndex\":\"0x0\",\"transactionIndex\":\"0x0\","
        + "\"transactionHash\":\"0x01\",\"blockHash\":\"0x02\",\"blockNumber\":\"0x"
        + Long.toHexString(block)
        + "\",\"address\":\"0xaa\",\"data\":\"0x\",\"topics\":[\"0xt0\"]}";
  }

  @Test
  void logs_sendsTheRangeTheContractsAndEachTopicPosition() throws IOException {
    node.answers.add("\"result\":[" + log(7) + "," + log(9) + "]");

    List<Log> logs =
        reader.logs(
            LogQuery.since(5).at("0xaa", "0xbb").topic("0xt0", "0xt1").topic().topic("0xt2"));

    assertThat(logs).extracting(l -> l.getBlockNumber().longValueExact()).containsExactly(7L, 9L);
    JsonNode filter = node.requests.get(0).get("params").get(0);
    assertThat(node.requests.get(0).get("method").asText()).isEqualTo("eth_getLogs");
    assertThat(filter.get("fromBlock").asText()).isEqualTo("0x5");
    assertThat(filter.get("toBlock").asText()).isEqualTo("latest");
    assertThat(filter.get("address").toString()).isEqualTo("[\"0xaa\",\"0xbb\"]");
    assertThat(filter.get("topics").toString()).isEqualTo("[[\"0xt0\",\"0xt1\"],null,\"0xt2\"]");
  }

  @Test
  void logs_ofTheWholeChain_runFromEarliestToLatest() throws IOException {
    node.answers.add("\"result\":[]");

    assertThat(reader.logs(LogQuery.wholeChain().at("0xaa"))).isEmpty();

    JsonNode filter = node.requests.get(0).get("params").get(0);
    assertThat(filter.get("fromBlock").asText()).isEqualTo("earliest");
    assertThat(filter.get("toBlock").asText()).isEqualTo("latest");
  }

  @Test
  void logs_anErrorOfTheNode_isAChainAccessExceptionNamingTheRange() {
    node.answers.add("\"error\":{\"code\":-32005,\"message\":\"query returned more than 10000\"}");

    assertThatThrownBy(() -> reader.logs(LogQuery.between(10, 20)))
        .isInstanceOf(ChainAccessException.class)
        .hasMessage("eth_getLogs 10..20 failed: query returned more than 10000");
  }

  @Test
  void latestTimestamp_readsTheLatestBlock_andRefusesAMissingOne() throws IOException {
    node.answers.add(
        "\"result\":{\"number\":\"0x10\",\"hash\":\"0x0b\",\"parentHash\":\"0x0a\","
            + "\"timestamp\":\"0x6553f100\",\"transactions\":[]}");
    node.answers.add("\"result\":null");

    assertThat(reader.latestTimestamp()).isEqualTo(0x6553f100L);
    assertThat(node.requests.get(0).get("params").get(0).asText()).isEqualTo("latest");
    assertThatThrownBy(reader::latestTimestamp)
        .isInstanceOf(ChainAccessException.class)
        .hasMessage("eth_getBlockByNumber latest: no block");
  }

  @Test
  void block_isEmptyPastTheHead() throws IOException {
    node.answers.add(
        "\"result\":{\"number\":\"0x10\",\"hash\":\"0x0b\",\"parentHash\":\"0x0a\","
            + "\"timestamp\":\"0x20\",\"transactions\":[]}");
    node.answers.add("\"result\":null");

    assertThat(reader.block(16)).contains(new BlockHeader(16, "0x0b", "0x0a", 32));
    assertThat(reader.block(17)).isEmpty();
  }
}
