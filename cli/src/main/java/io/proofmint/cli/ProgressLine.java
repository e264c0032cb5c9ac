package io.proofmint.cli;

import io.proofmint.worker.task.StepListener;
import java.io.PrintWriter;

/**
 * A one-line progress display for training: step, loss and steps per second, redrawn in place on a
 * terminal at most five times a second, or printed every tenth of the run when output is a file.
 */
public final class ProgressLine implements StepListener {

  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter out;
  private final String indent;
  private final long total;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private long done;
  private long lastDraw;
  private long nextMilestone;

  public ProgressLine(PrintWriter out, String indent, long total) {
    this.out = out;
    this.indent = indent;
    this.total = total;
    this.terminal = System.console() != null;
    this.nextMilestone = Math.max(1, total / 10);
  }

  @Override
  public void stepDone(long step, float loss) {
    done++;
    long now = System.nanoTime();
    if (terminal) {
      if (now - lastDraw >= REDRAW_NANOS || done == total) {
        out.print("\r" + line(loss, now));
        out.flush();
        lastDraw = now;
      }
    } else if (done >= nextMilestone || done == total) {
      out.println(line(loss, now));
      out.flush();
      nextMilestone += Math.max(1, total / 10);
    }
  }

  /** Ends the line on a terminal. */
  public void finish() {
    if (terminal) {
      out.println();
      out.flush();
    }
  }

  private String line(float loss, long now) {
    double seconds = Math.max(1e-9, (now - started) / 1e9);
    return String.format(
        "%sstep %d/%d  loss %.4f  %.0f steps/s", indent, done, total, loss, done / seconds);
  }
}
