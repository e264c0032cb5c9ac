package io.proofmint.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The one place a role's option values below the command line come from. For an option not given as
 * a flag, picocli asks this provider, which answers from, in order: env {@code
 * PROOFMINT_<ROLE>_<OPTION>}, the option's shared variable ({@code PROOFMINT_RPC}, {@code
 * PROOFMINT_SETTLEMENT_DB}), then the role's config file; without an answer the option keeps its
 * own default. The file is --config, else env {@code PROOFMINT_<ROLE>_CONFIG} (both must exist),
 * else {@code .proofmint/<role>.toml} if it exists. The whole file is checked at its first use: an
 * unknown key, a value of the wrong type or a password stops the parse (exit 2) naming the file,
 * the key and what was expected.
 */
public final class ConfigDefaultProvider implements IDefaultValueProvider {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigDefaultProvider.class);

  /** Variables that predate the per-role scheme; they rank just below the role's own. */
  static final Map<String, String> SHARED_VARIABLES =
      Map.of("rpc", "PROOFMINT_RPC", "db", "PROOFMINT_SETTLEMENT_DB");

  private static final Set<String> NOT_CONFIGURABLE = Set.of("help", "version", "config");
  private static final Pattern PASSWORD_IN_VALUE = Pattern.compile("(?i)(^|[?&;:])password=[^&;]");

  private final Role role;
  private final CommandSpec spec;
  private final Map<String, String> env;
  private final Supplier<Optional<Path>> defaultFile;
  private Loaded loaded;

  /**
   * @param defaultFile where the role's file is looked for without --config (empty: nowhere)
   */
  public ConfigDefaultProvider(
      Role role, CommandSpec spec, Map<String, String> env, Supplier<Optional<Path>> defaultFile) {
    this.role = role;
    this.spec = spec;
    this.env = Map.copyOf(env);
    this.defaultFile = defaultFile;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || !isConfigurable(option)) {
      return null;
    }
    String key = key(option);
    for (String variable : variables(key)) {
      String text = env.get(variable);
      if (text != null && !text.isEmpty()) {
        try {
          return OptionValues.fromText(option, text);
        } catch (ConfigException e) {
          throw new ParameterException(
              spec.commandLine(),
              "env " + variable + " (" + option.longestName() + "): " + e.getMessage());
        }
      }
    }
    return fileValues().get(key);
  }

  /** The environment variables of option {@code key}, the first set one wins. */
  List<String> variables(String key) {
    String shared = SHARED_VARIABLES.get(key);
    return shared == null ? List.of(role.variable(key)) : List.of(role.variable(key), shared);
  }

  /** The checked default strings of the config file in use, by key; empty without a file. */
  private Map<String, String> fileValues() {
    try {
      Optional<Located> where = locate();
      if (where.isEmpty()) {
        return Map.of();
      }
      Path path = where.get().path();
      FileStamp stamp = FileStamp.of(path);
      if (loaded == null || !loaded.stamp().equals(stamp)) {
        Optional<ConfigFile> file =
            ConfigFile.read(path, where.get().required(), where.get().source());
        loaded = new Loaded(stamp, file.isPresent() ? check(file.get()) : Map.of());
      }
      return loaded.values();
    } catch (ConfigException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Optional<Located> locate() {
    OptionSpec config = spec.findOption(ConfigOption.NAME);
    Path explicit = config == null ? null : config.getValue();
    if (explicit != null) {
      return Optional.of(new Located(explicit, true, ConfigOption.NAME));
    }
    String variable = role.variable("config");
    String fromEnv = env.get(variable);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return Optional.of(new Located(Path.of(fromEnv), true, "env " + variable));
    }
    return defaultFile.get().map(p -> new Located(p, false, "default location"));
  }

  private Map<String, String> check(ConfigFile file) throws ConfigException {
    Map<String, OptionSpec> options = new LinkedHashMap<>();
    for (OptionSpec option : spec.options()) {
      if (isConfigurable(option)) {
        options.put(key(option), option);
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : new TreeMap<>(file.values()).entrySet()) {
      String key = entry.getKey();
      String where = "config file " + file.path() + ": key '" + key + "'";
      OptionSpec option = options.get(key);
      if (option == null) {
        if (key.toLowerCase(Locale.ROOT).contains("password")) {
          throw new ConfigException(
              where
                  + ": a password is never read from a config file; put it in a file only you can"
                  + " read and name that with password-file (or use env PROOFMINT_KEYSTORE_PASSWORD)");
        }
        throw new ConfigException(
            where
                + ": unknown; expected one of "
                + String.join(", ", new TreeSet<>(options.keySet()))
                + " (the long options of `proofmint "
                + role.command()
                + "` without dashes)");
      }
      String value;
      try {
        value = OptionValues.fromToml(option, entry.getValue());
      } catch (ConfigException e) {
        throw new ConfigException(where + " (" + option.longestName() + "): " + e.getMessage());
      }
      if (PASSWORD_IN_VALUE.matcher(value).find()) {
        throw new ConfigException(
            where
                + ": holds a password (password=...); a password is never read from a config"
                + " file: pass this value through env "
                + String.join(" or ", variables(key)));
      }
      values.put(key, value);
    }
    warnIfPasswordFileIsOpen(file, values.get("password-file"));
    return Map.copyOf(values);
  }

  private static void warnIfPasswordFileIsOpen(ConfigFile file, String passwordFile) {
    if (passwordFile == null) {
      return;
    }
    Path path = Path.of(passwordFile);
    if (!Files.isRegularFile(path)) {
      return; // reading the password says so, when a signer needs it
    }
    try {
      Set<PosixFilePermission> mode = ConfigFile.permissions(path).orElse(Set.of());
      if (mode.contains(PosixFilePermission.GROUP_READ)
          || mode.contains(PosixFilePermission.OTHERS_READ)) {
        LOG.warn(
            "config file {} names password-file {}, which group or others can read (mode {}):"
                + " chmod 600 it",
            file.path(),
            path,
            PosixFilePermissions.toString(mode));
      }
    } catch (IOException e) {
      LOG.warn(
          "password-file {} named by config file {}: cannot read its mode", path, file.path(), e);
    }
  }

  private static boolean isConfigurable(OptionSpec option) {
    return option.longestName().startsWith("--") && !NOT_CONFIGURABLE.contains(key(option));
  }

  /** The option's config key: its longest name without the leading dashes. */
  static String key(OptionSpec option) {
    return option.longestName().replaceFirst("^-+", "");
  }

  private record Located(Path path, boolean required, String source) {}

  private record Loaded(FileStamp stamp, Map<String, String> values) {}

  /** Path, size and modification time: a file edited between two parses is read again. */
  private record FileStamp(Path path, long size, long modified) {
    static FileStamp of(Path path) {
      try {
        return new FileStamp(path, Files.size(path), Files.getLastModifiedTime(path).toMillis());
      } catch (IOException e) {
        return new FileStamp(path, -1, -1); // absent or unreadable: ConfigFile.read says which
      }
    }
  }
}
