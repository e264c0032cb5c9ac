package io.proofmint.cli.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Consumes an option that takes its values in groups (verifier run's {@code --model FILE DIR}).
 * picocli applies a default as one string, so {@link ConfigDefaultProvider} hands over the groups a
 * config file or the environment gave joined by {@link #SEPARATOR}, a character no command-line
 * argument can hold; from the command line the group's values are the next arguments.
 */
public final class ValuePairs implements IParameterConsumer {

  /** NUL: it ends a C string, so it never occurs inside an argument. */
  static final String SEPARATOR = "\0";

  @Override
  public void consumeParameters(Stack<String> args, ArgSpec arg, CommandSpec spec) {
    int size = arg.arity().max();
    List<Object> values = new ArrayList<>();
    Collection<?> before = arg.getValue();
    if (before != null) {
      values.addAll(before);
    }
    if (!args.isEmpty() && args.peek().contains(SEPARATOR)) {
      for (String value : args.pop().split(SEPARATOR, -1)) {
        values.add(convert(arg, value));
      }
    } else {
      for (int i = 0; i < size; i++) {
        if (args.isEmpty() || spec.optionsMap().containsKey(args.peek())) {
          throw new ParameterException(
              spec.commandLine(),
              label(arg) + ": expected " + arg.paramLabel() + ", got " + i + " of its values");
        }
        values.add(convert(arg, args.pop()));
      }
    }
    arg.setValue(values);
  }

  private static Object convert(ArgSpec arg, String value) {
    Class<?> type = arg.auxiliaryTypes()[0];
    if (type == Path.class) {
      return Path.of(value);
    }
    if (type == String.class) {
      return value;
    }
    throw new IllegalStateException(
        label(arg) + ": ValuePairs converts Path or String, not " + type);
  }

  private static String label(ArgSpec arg) {
    return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
  }
}
