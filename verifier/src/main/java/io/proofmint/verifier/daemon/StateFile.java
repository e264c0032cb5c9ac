package io.proofmint.verifier.daemon;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Hex;
import io.proofmint.protocol.io.AtomicFiles;
import io.proofmint.wrappers.attest.SignedAttestation;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The daemon's state file: {@link DaemonState} as JSON (hashes and addresses as 0x hex, numbers
 * that may exceed 2^53 as strings), replaced atomically on every write (temporary file, fsync,
 * rename), so a crash leaves the old state or the new one.
 */
public final class StateFile {

  private static final ObjectMapper JSON = mapper();

  private final Path file;

  public StateFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /** The stored state, or {@code initial} if there is no file yet. */
  public DaemonState readOr(DaemonState initial) throws IOException {
    if (!Files.exists(file)) {
      return initial;
    }
    try {
      return JSON.readValue(Files.readAllBytes(file), DaemonState.class);
    } catch (IOException e) {
      throw new IOException(
          "verifier state %s: expected the daemon's JSON state, got unreadable content (%s)"
              .formatted(file, e.getMessage()),
          e);
    }
  }

  public void write(DaemonState state) throws IOException {
    AtomicFiles.write(file, JSON.writeValueAsBytes(state));
  }

  static ObjectMapper mapper() {
    SimpleModule module = new SimpleModule("proofmint-verifier-state");
    module.addSerializer(Hash32.class, hex(Hash32::toHex));
    module.addDeserializer(Hash32.class, parse(Hash32::fromHex));
    module.addSerializer(Address.class, hex(Address::toHex));
    module.addDeserializer(Address.class, parse(Address::fromHex));
    module.addSerializer(BigInteger.class, hex(BigInteger::toString));
    module.addDeserializer(BigInteger.class, parse(BigInteger::new));
    module.addKeyDeserializer(
        BigInteger.class,
        new KeyDeserializer() {
          @Override
          public Object deserializeKey(String key, DeserializationContext ctxt) {
            return new BigInteger(key);
          }
        });
    module.addSerializer(
        SignedAttestation.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(
              SignedAttestation value, JsonGenerator gen, SerializerProvider serializers)
              throws IOException {
            gen.writeStartObject();
            gen.writeStringField("signer", value.signer().toHex());
            gen.writeStringField("signature", Hex.encode(value.signature()));
            gen.writeEndObject();
          }
        });
    module.addDeserializer(
        SignedAttestation.class,
        new JsonDeserializer<>() {
          @Override
          public SignedAttestation deserialize(JsonParser p, DeserializationContext ctxt)
              throws IOException {
            JsonNode node = p.readValueAsTree();
            return new SignedAttestation(
                Address.fromHex(node.get("signer").asText()),
                Hex.decode(node.get("signature").asText()));
          }
        });
    return new ObjectMapper()
        .registerModule(module)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  }

  private static <T> JsonSerializer<T> hex(Function<T, String> text) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider serializers)
          throws IOException {
        gen.writeString(text.apply(value));
      }
    };
  }

  private static <T> JsonDeserializer<T> parse(Function<String, T> parser) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        try {
          return parser.apply(p.getValueAsString());
        } catch (RuntimeException e) {
          throw new IOException("expected a value, got '" + p.getValueAsString() + "'", e);
        }
      }
    };
  }
}
