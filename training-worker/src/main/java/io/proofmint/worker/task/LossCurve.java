package io.proofmint.worker.task;

import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Writes a task's per-step loss as CSV and as a PNG line chart (no display needed). */
public final class LossCurve {

  private static final int WIDTH = 800;
  private static final int HEIGHT = 450;
  private static final int MARGIN = 60;

  private LossCurve() {}

  public static void writeCsv(List<StepRecord> records, Path file) throws IOException {
    StringBuilder csv = new StringBuilder("step,loss\n");
    for (StepRecord r : records) {
      csv.append(r.step()).append(',').append(r.loss()).append('\n');
    }
    AtomicFiles.writeString(file, csv.toString());
  }

  public static void writePng(List<StepRecord> records, String title, Path file)
      throws IOException {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("loss curve " + file + ": no steps to plot");
    }
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      float max = Float.NEGATIVE_INFINITY;
      float min = Float.POSITIVE_INFINITY;
      for (StepRecord r : records) {
        if (Float.isFinite(r.loss())) {
          max = Math.max(max, r.loss());
          min = Math.min(min, r.loss());
        }
      }
      if (!(max > min)) {
        max = min + 1;
      }
      int plotW = WIDTH - 2 * MARGIN;
      int plotH = HEIGHT - 2 * MARGIN;
      g.setColor(Color.DARK_GRAY);
      g.drawRect(MARGIN, MARGIN, plotW, plotH);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(String.format("%.3f", max), 5, MARGIN + 5);
      g.drawString(String.format("%.3f", min), 5, MARGIN + plotH);
      g.drawString("step " + records.get(0).step(), MARGIN, HEIGHT - MARGIN + 20);
      String last = "step " + records.get(records.size() - 1).step();
      g.drawString(
          last, WIDTH - MARGIN - g.getFontMetrics().stringWidth(last), HEIGHT - MARGIN + 20);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(title, MARGIN, MARGIN - 20);
      Path2D.Float line = new Path2D.Float();
      int n = records.size();
      for (int i = 0; i < n; i++) {
        float loss = records.get(i).loss();
        float x = MARGIN + (n == 1 ? 0 : (float) i / (n - 1) * plotW);
        float y = MARGIN + (max - (Float.isFinite(loss) ? loss : max)) / (max - min) * plotH;
        if (i == 0) {
          line.moveTo(x, y);
        } else {
          line.lineTo(x, y);
        }
      }
      g.setColor(new Color(0x1f77b4));
      g.setStroke(new BasicStroke(1.5f));
      g.draw(line);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    AtomicFiles.write(file, png.toByteArray());
  }
}
