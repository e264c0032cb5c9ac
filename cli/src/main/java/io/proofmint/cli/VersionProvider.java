package io.proofmint.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version the build wrote into proofmint-version.properties. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/proofmint-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {"proofmint " + properties.getProperty("version", "(unknown version)")};
  }
}
