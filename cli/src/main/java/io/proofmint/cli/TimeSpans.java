package io.proofmint.cli;

import java.time.Duration;

/** Waiting times as people read them: "6 d 23 h 59 m" (seconds shown only under a minute). */
public final class TimeSpans {

  private TimeSpans() {}

  public static String format(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + " s";
    }
    long days = s / 86_400;
    long hours = s % 86_400 / 3600;
    long minutes = s % 3600 / 60;
    StringBuilder out = new StringBuilder();
    if (days > 0) {
      out.append(days).append(" d ");
    }
    if (days > 0 || hours > 0) {
      out.append(hours).append(" h ");
    }
    return out.append(minutes).append(" m").toString();
  }
}
