import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the MNIST Studio icon: a handwritten "2" on a rounded blue tile, over the coarse pixel grid a
 * digit becomes for the network, with a small three-layer network beside it. Run from the project root:
 *
 * <pre>java packaging/icons/IconArt.java assets/icons</pre>
 *
 * It writes mnist-studio-SIZE.png for SIZE in 16, 32, 48, 64, 128, 256 and 512, and the same images packed
 * as mnist-studio.ico (Windows, 16-256) and mnist-studio.icns (macOS, 16-512), which jpackage wants there.
 * Each size is drawn at its own resolution, with less detail the smaller it is, so that 16 px still reads
 * as a digit.
 */
public final class IconArt {
    private static final int[] SIZES = {16, 32, 48, 64, 128, 256, 512};
    /** All geometry is in a 256-unit design space. */
    private static final double D = 256;

    private static final Color TILE_TOP = new Color(0x3B4FD8);
    private static final Color TILE_BOTTOM = new Color(0x1A237E);
    private static final Color CELL = new Color(0x8FD3FF);
    private static final Color INK = new Color(0xFFFFFF);
    private static final Color NODE = new Color(0xFFC94D);

    public static void main(String[] args) throws IOException {
        File dir = new File(args.length > 0 ? args[0] : "assets/icons");
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("cannot create " + dir);
        }
        Map<Integer, byte[]> png = new LinkedHashMap<>();
        for (int size : SIZES) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(draw(size), "png", bytes);
            png.put(size, bytes.toByteArray());
            write(new File(dir, "mnist-studio-" + size + ".png"), bytes.toByteArray());
        }
        write(new File(dir, "mnist-studio.ico"), ico(png, 16, 32, 48, 64, 128, 256));
        write(new File(dir, "mnist-studio.icns"), icns(png));
    }

    private static void write(File file, byte[] data) throws IOException {
        Files.write(file.toPath(), data);
        System.out.println("wrote " + file);
    }

    /** A Windows .ico whose entries are PNG images (valid since Windows Vista). Little-endian. */
    static byte[] ico(Map<Integer, byte[]> png, int... sizes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le16(out, 0);
        le16(out, 1); // type: icon
        le16(out, sizes.length);
        int offset = 6 + 16 * sizes.length;
        for (int size : sizes) {
            out.write(size >= 256 ? 0 : size); // 0 means 256
            out.write(size >= 256 ? 0 : size);
            out.write(0); // no palette
            out.write(0);
            le16(out, 1); // colour planes
            le16(out, 32); // bits per pixel
            le32(out, png.get(size).length);
            le32(out, offset);
            offset += png.get(size).length;
        }
        for (int size : sizes) {
            out.writeBytes(png.get(size));
        }
        return out.toByteArray();
    }

    /** A macOS .icns with PNG entries: icp4/icp5/icp6 (16/32/64), ic07/ic08/ic09 (128/256/512). Big-endian. */
    static byte[] icns(Map<Integer, byte[]> png) throws IOException {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(body);
        for (Map.Entry<String, Integer> e : types.entrySet()) {
            byte[] image = png.get(e.getValue());
            data.writeBytes(e.getKey());
            data.writeInt(8 + image.length);
            data.write(image);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream file = new DataOutputStream(out);
        file.writeBytes("icns");
        file.writeInt(8 + body.size());
        file.write(body.toByteArray());
        return out.toByteArray();
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        le16(out, v & 0xffff);
        le16(out, v >>> 16);
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / D, size / D);

        // Small icons fill their square; large ones leave the margin desktop icon themes expect.
        double margin = size <= 32 ? 0 : 12;
        double arc = size <= 16 ? 72 : 64;
        Shape tile = new RoundRectangle2D.Double(margin, margin, D - 2 * margin, D - 2 * margin, arc, arc);
        g.setPaint(new GradientPaint(0, (float) margin, TILE_TOP, 0, (float) (D - margin), TILE_BOTTOM));
        g.fill(tile);

        Shape digit = digitTwo();
        double inkWidth = size <= 16 ? 34 : size <= 32 ? 30 : 26;
        BasicStroke ink = new BasicStroke((float) inkWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

        if (size >= 48) {
            // The 28x28 input, coarsened to 14x14 cells: the cells under the stroke light up.
            g.setClip(tile);
            Area inked = new Area(new BasicStroke((float) inkWidth + 14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                    .createStrokedShape(digit));
            int n = 14;
            double cell = (D - 2 * margin) / n;
            double gap = size >= 128 ? 3 : 4;
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    Rectangle2D box = new Rectangle2D.Double(margin + c * cell, margin + r * cell, cell, cell);
                    double cover = coverage(inked, box);
                    double alpha = 0.07 + 0.45 * cover;
                    g.setColor(withAlpha(CELL, alpha));
                    g.fill(new RoundRectangle2D.Double(box.getX() + gap / 2, box.getY() + gap / 2,
                            cell - gap, cell - gap, 6, 6));
                }
            }
            g.setClip(null);
        }

        if (size >= 128) { // below that it would be a blob
            drawNetwork(g);
        }

        // A soft shadow under the ink, then the ink.
        if (size >= 32) {
            g.setColor(new Color(0, 0, 0, 70));
            g.setStroke(new BasicStroke((float) inkWidth + 4, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(AffineTransform.getTranslateInstance(0, 5).createTransformedShape(digit));
        }
        g.setColor(INK);
        g.setStroke(ink);
        g.draw(digit);
        g.dispose();
        return img;
    }

    /** A "2" as drawn quickly with a mouse: a round top, a long diagonal and a flat base with a flick. */
    static Shape digitTwo() {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(60, 96);
        p.curveTo(64, 60, 94, 40, 124, 41);
        p.curveTo(158, 42, 180, 66, 176, 98);
        p.curveTo(172, 128, 142, 152, 114, 174);
        p.curveTo(94, 190, 74, 204, 60, 214);
        p.curveTo(98, 206, 142, 205, 186, 211);
        return p;
    }

    /** A tiny 2-3-2 network in the empty lower left, beside the diagonal of the digit. */
    static void drawNetwork(Graphics2D g) {
        double[] cols = {34, 51, 68};
        double[][] rows = {{144, 164}, {134, 154, 174}, {144, 164}};
        g.setStroke(new BasicStroke(2.2f));
        g.setColor(withAlpha(NODE, 0.6));
        for (int l = 0; l < 2; l++) {
            for (double y1 : rows[l]) {
                for (double y2 : rows[l + 1]) {
                    g.draw(new Line2D.Double(cols[l], y1, cols[l + 1], y2));
                }
            }
        }
        double r = 5;
        g.setColor(NODE);
        for (int l = 0; l < 3; l++) {
            for (double y : rows[l]) {
                g.fill(new Ellipse2D.Double(cols[l] - r, y - r, 2 * r, 2 * r));
            }
        }
    }

    /** Share of the box covered by the shape, sampled on a 6x6 grid. */
    static double coverage(Area shape, Rectangle2D box) {
        int k = 6, hits = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (shape.contains(box.getX() + (i + 0.5) * box.getWidth() / k, box.getY() + (j + 0.5) * box.getHeight() / k)) {
                    hits++;
                }
            }
        }
        return hits / (double) (k * k);
    }

    static Color withAlpha(Color c, double a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * Math.max(0, Math.min(1, a))));
    }
}
