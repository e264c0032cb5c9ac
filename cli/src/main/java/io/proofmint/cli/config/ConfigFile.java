package io.proofmint.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One role's TOML config file as read: its top-level keys and their values. A file that group or
 * others may write is refused, since it decides which node is trusted and which key signs.
 */
record ConfigFile(Path path, Map<String, JsonNode> values) {

  private static final TomlMapper TOML = new TomlMapper();

  /**
   * The file at {@code path}; empty when it does not exist and {@code required} is false (the
   * default location), an error naming {@code source} when it is required (--config, env).
   */
  static Optional<ConfigFile> read(Path path, boolean required, String source)
      throws ConfigException {
    if (!Files.exists(path)) {
      if (required) {
        throw new ConfigException("config file " + path + " (" + source + "): no such file");
      }
      return Optional.empty();
    }
    refuseWritableByOthers(path);
    String text;
    try {
      text = Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + path + " (" + source + "): no such file");
    } catch (IOException e) {
      throw new ConfigException("config file " + path + ": cannot read it (" + e + ")");
    }
    JsonNode tree;
    try {
      tree = TOML.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ConfigException(
          "config file "
              + path
              + ": expected TOML, "
              + (at != null ? "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " : "")
              + e.getOriginalMessage());
    }
    Map<String, JsonNode> values = new LinkedHashMap<>();
    if (tree instanceof ObjectNode object) {
      object.properties().forEach(e -> values.put(e.getKey(), e.getValue()));
    }
    return Optional.of(new ConfigFile(path, Map.copyOf(values)));
  }

  /** The POSIX permissions of {@code file}, where the file system has them. */
  static Optional<Set<PosixFilePermission>> permissions(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    return view == null ? Optional.empty() : Optional.of(view.readAttributes().permissions());
  }

  private static void refuseWritableByOthers(Path path) throws ConfigException {
    Set<PosixFilePermission> mode;
    try {
      mode = permissions(path).orElse(Set.of());
    } catch (IOException e) {
      throw new ConfigException("config file " + path + ": cannot read its mode (" + e + ")");
    }
    if (mode.contains(PosixFilePermission.GROUP_WRITE)
        || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new ConfigException(
          "config file "
              + path
              + ": expected only its owner to be able to write it, got mode "
              + PosixFilePermissions.toString(mode)
              + " (chmod go-w "
              + path
              + ")");
    }
  }
}
