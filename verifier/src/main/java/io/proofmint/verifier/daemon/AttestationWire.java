package io.proofmint.verifier.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proofmint.protocol.attest.Attestation;
import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Hex;
import io.proofmint.wrappers.attest.SignedAttestation;
import java.io.IOException;
import java.math.BigInteger;

/**
 * The JSON a verifier serves at {@code GET /attestations/<taskId>}:
 *
 * <pre>{"taskId":"7","root":"0x..","seed":"0x..","signer":"0x..","verdict":"FRAUD",
 *  "failingSegment":3,"signature":"0x..65 bytes.."}</pre>
 *
 * A reader trusts none of it: it recomputes the digest from its own task facts and checks that the
 * signature recovers to {@code signer} ({@link SignatureCheck}).
 */
public final class AttestationWire {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AttestationWire() {}

  /** A peer's attestation as received: the claimed statement and its signature. */
  public record Received(Attestation attestation, SignedAttestation signature) {}

  public static byte[] encode(OwnVerdict verdict) {
    Attestation a = verdict.attestation();
    ObjectNode node = JSON.createObjectNode();
    node.put("taskId", a.taskId().toString());
    node.put("root", a.root().toHex());
    node.put("seed", a.seed().toHex());
    node.put("signer", verdict.signature().signer().toHex());
    node.put("verdict", a.verdict().name());
    node.put("failingSegment", a.failingSegment());
    node.put("signature", Hex.encode(verdict.signature().signature()));
    return node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * @throws IOException if the body is not such an object
   */
  public static Received decode(byte[] body) throws IOException {
    try {
      JsonNode node = JSON.readTree(body);
      Attestation attestation =
          new Attestation(
              new BigInteger(text(node, "taskId")),
              Hash32.fromHex(text(node, "root")),
              Hash32.fromHex(text(node, "seed")),
              Verdict.valueOf(text(node, "verdict")),
              node.path("failingSegment").asLong(-1));
      SignedAttestation signature =
          new SignedAttestation(
              Address.fromHex(text(node, "signer")), Hex.decode(text(node, "signature")));
      return new Received(attestation, signature);
    } catch (RuntimeException e) {
      throw new IOException("attestation: expected the verifier JSON, got: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "': expected a string");
    }
    return value.asText();
  }
}
