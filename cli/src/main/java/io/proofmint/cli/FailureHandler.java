package io.proofmint.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one line on stderr that says what went wrong; the stack trace goes to
 * the log at debug level (shown with -v).
 */
final class FailureHandler implements IExecutionExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
    LOG.debug("command failed", e);
    cmd.getErr().println(cmd.getColorScheme().errorText("error: " + describe(e)));
    if (!LoggingMixin.isVerbose()) {
      cmd.getErr().println("(run with -v for details)");
    }
    return 1;
  }

  static String describe(Throwable e) {
    Throwable t = e;
    while ((t instanceof java.util.concurrent.ExecutionException
            || t instanceof java.util.concurrent.CompletionException
            || t instanceof java.lang.reflect.UndeclaredThrowableException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
