package io.proofmint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/** `--json`: a value as indented JSON on standard output, one document per command. */
public final class JsonOutput {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOutput() {}

  public static void print(Object value, PrintWriter out) throws Exception {
    out.println(JSON.writeValueAsString(value));
    out.flush();
  }
}
