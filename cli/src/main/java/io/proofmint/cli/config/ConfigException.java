package io.proofmint.cli.config;

/** A config file or environment value that cannot be used; the message names where and why. */
final class ConfigException extends Exception {

  ConfigException(String message) {
    super(message);
  }
}
