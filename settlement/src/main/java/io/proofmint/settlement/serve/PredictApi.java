package io.proofmint.settlement.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hex;
import io.proofmint.settlement.escrow.SignedVoucher;
import io.proofmint.settlement.escrow.Voucher;
import java.math.BigInteger;

/**
 * The JSON of {@code POST /v1/predict}:
 *
 * <pre>{@code
 * request:  {"features": [0.1, 2.5, ...],
 *            "voucher": {"user": "0x..", "modelToken": "0x..", "cumulativeAmount": "3000",
 *                        "expiry": "1767225600", "signature": "0x<65 bytes>"}}
 *           (or the voucher object alone in the X-Proofmint-Voucher header)
 * 200:      {"label": 2, "scores": [...], "payment": {"cumulativeAmount": "3000",
 *            "price": "1000", "previous": "2000"}}
 * 400/402:  {"error": "payment_required", "reason": "NOT_INCREASED", "message": "..."}
 * }</pre>
 *
 * Amounts are decimal strings (numbers are accepted too) because they exceed JSON's safe integers.
 */
public final class PredictApi {

  public static final String VOUCHER_HEADER = "X-Proofmint-Voucher";

  private static final ObjectMapper JSON = new ObjectMapper();

  private PredictApi() {}

  /** A parsed request, or why it could not be parsed. */
  public record Parsed(PredictRequest request, String error) {
    static Parsed ok(PredictRequest r) {
      return new Parsed(r, null);
    }

    static Parsed invalid(String error) {
      return new Parsed(null, error);
    }
  }

  public static Parsed parse(byte[] body, String voucherHeader) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return Parsed.invalid("body: expected a JSON object (" + e.getOriginalMessage() + ")");
    } catch (java.io.IOException e) {
      return Parsed.invalid("body: cannot be read (" + e.getMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      return Parsed.invalid("body: expected a JSON object");
    }
    JsonNode features = root.get("features");
    if (features == null || !features.isArray()) {
      return Parsed.invalid("features: expected an array of numbers");
    }
    float[] values = new float[features.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode f = features.get(i);
      if (!f.isNumber()) {
        return Parsed.invalid("features[" + i + "]: expected a number, got " + f);
      }
      values[i] = f.floatValue();
    }
    JsonNode voucher = root.get("voucher");
    if (voucher == null && voucherHeader != null) {
      try {
        voucher = JSON.readTree(voucherHeader);
      } catch (JsonProcessingException e) {
        return Parsed.invalid(
            VOUCHER_HEADER + ": expected a JSON voucher object (" + e.getOriginalMessage() + ")");
      }
    }
    if (voucher == null || !voucher.isObject()) {
      return Parsed.invalid(
          "voucher: expected an object in the body's \"voucher\" field or the "
              + VOUCHER_HEADER
              + " header");
    }
    try {
      return Parsed.ok(new PredictRequest(values, voucher(voucher)));
    } catch (IllegalArgumentException e) {
      return Parsed.invalid(e.getMessage());
    }
  }

  private static SignedVoucher voucher(JsonNode v) {
    Voucher voucher =
        new Voucher(
            Address.fromHex(text(v, "user")),
            Address.fromHex(text(v, "modelToken")),
            integer(v, "cumulativeAmount"),
            integer(v, "expiry"));
    String signature = text(v, "signature");
    byte[] sig;
    try {
      sig = Hex.decode(signature);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("voucher.signature: expected 0x-prefixed hex", e);
    }
    return new SignedVoucher(voucher, sig);
  }

  private static String text(JsonNode v, String field) {
    JsonNode n = v.get(field);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException("voucher." + field + ": expected a string");
    }
    return n.asText();
  }

  private static BigInteger integer(JsonNode v, String field) {
    JsonNode n = v.get(field);
    try {
      if (n != null && n.isIntegralNumber()) {
        return n.bigIntegerValue();
      }
      if (n != null && n.isTextual()) {
        return new BigInteger(n.asText());
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "voucher." + field + ": expected a non-negative integer (decimal string), got " + n);
  }

  /** The voucher object as clients send it. */
  public static ObjectNode voucherJson(SignedVoucher signed) {
    Voucher v = signed.voucher();
    ObjectNode o = JSON.createObjectNode();
    o.put("user", v.user().toHex());
    o.put("modelToken", v.modelToken().toHex());
    o.put("cumulativeAmount", v.cumulativeAmount().toString());
    o.put("expiry", v.expiry().toString());
    o.put("signature", signed.signatureHex());
    return o;
  }

  /** A request body for {@code features} paid by {@code voucher}. */
  public static byte[] request(float[] features, SignedVoucher voucher) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode f = o.putArray("features");
    for (float x : features) {
      f.add(x);
    }
    o.set("voucher", voucherJson(voucher));
    return bytes(o);
  }

  static byte[] prediction(Prediction p, BigInteger cumulative, BigInteger price, BigInteger prev) {
    ObjectNode o = JSON.createObjectNode();
    o.put("label", p.label());
    ArrayNode scores = o.putArray("scores");
    for (float s : p.scores()) {
      scores.add(s);
    }
    ObjectNode payment = o.putObject("payment");
    payment.put("cumulativeAmount", cumulative.toString());
    payment.put("price", price.toString());
    payment.put("previous", prev.toString());
    return bytes(o);
  }

  static byte[] error(String error, String reason, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("error", error);
    o.put("reason", reason);
    o.put("message", message);
    return bytes(o);
  }

  static byte[] object(ObjectNode o) {
    return bytes(o);
  }

  static ObjectNode newObject() {
    return JSON.createObjectNode();
  }

  /** Parses a response body (for clients and tests). */
  public static JsonNode read(byte[] body) throws java.io.IOException {
    return JSON.readTree(body);
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
