package dev.edgewise.engine.family.codec;

import dev.edgewise.dsl.spec.CodecModelSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.JpegModelSpec;
import dev.edgewise.dsl.spec.PacketisedLinksSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import dev.edgewise.engine.family.ArtifactSink;
import dev.edgewise.engine.family.PointSummary;
import dev.edgewise.engine.plot.RunPlots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The charts of a sweep over codecs and JPEG, on its parent run: the rate-quality chart (the
 * paper's Figures 9 and 13: MS-SSIM against bytes per image, a line per codec bin count and one for
 * JPEG's quality sweep) and, when the sweep varies the test loss, MS-SSIM against packet loss
 * (Figure 18: a line per codec bin count and per JPEG quality).
 */
final class CodecSweepFigures {

    private CodecSweepFigures() {}

    static void draw(List<PointSummary> points, ArtifactSink sink) throws IOException {
        List<PointSummary> usable = points.stream().filter(p -> p.metrics().containsKey("test_msssim")
                && p.metrics().containsKey("test_bytes_per_image") && p.spec().links() instanceof PacketisedLinksSpec).toList();
        if (usable.isEmpty()) {
            return;
        }
        String name = usable.get(0).spec().name();
        Path folder = Files.createDirectories(sink.scratch().resolve("codec"));
        boolean lossVaries = usable.stream().map(p -> failure(p.spec())).distinct().count() > 1;
        if (lossVaries) {
            Map<String, List<double[]>> series = new TreeMap<>();
            for (PointSummary p : usable) {
                series.computeIfAbsent(line(p.spec()), k -> new ArrayList<>()).add(new double[] {failure(p.spec()), p.metrics().get("test_msssim")});
            }
            sort(series);
            sink.artifact("codec/msssim_vs_loss.png", RunPlots.lines(folder.resolve("msssim_vs_loss.png"), name
                    + ": MS-SSIM against packet loss at test", "packet loss rate", "MS-SSIM", series, false));
        }
        // Rate-quality: one chart per test loss rate, so a lossy point is never on a lossless curve.
        Map<Double, Map<String, List<double[]>>> byLoss = new TreeMap<>();
        for (PointSummary p : usable) {
            String line = p.spec().model() instanceof JpegModelSpec ? "JPEG" : line(p.spec());
            byLoss.computeIfAbsent(failure(p.spec()), k -> new TreeMap<>()).computeIfAbsent(line, k -> new ArrayList<>())
                    .add(new double[] {p.metrics().get("test_bytes_per_image"), p.metrics().get("test_msssim")});
        }
        for (Map.Entry<Double, Map<String, List<double[]>>> loss : byLoss.entrySet()) {
            sort(loss.getValue());
            String file = byLoss.size() == 1 ? "rate_quality.png" : String.format("rate_quality_loss%.2f.png", loss.getKey());
            sink.artifact("codec/" + file, RunPlots.lines(folder.resolve(file), name + ": MS-SSIM against bytes per image"
                    + (loss.getKey() > 0 ? String.format(" at %.0f %% packet loss", 100 * loss.getKey()) : ""), "bytes per image", "MS-SSIM",
                    loss.getValue(), true));
        }
    }

    /** The line a point belongs to: a codec by its bin count, JPEG by its quality. */
    private static String line(ExperimentSpec spec) {
        if (spec.model() instanceof CodecModelSpec codec) {
            int levels = ((UpwardExchangeSpec) spec.exchange()).quantization().levelCount();
            return String.format("codec, %d bins%s", levels, codec.trainDrop() > 0 ? String.format(", trained at %.2f drop", codec.trainDrop()) : "");
        }
        return String.format("JPEG q%.2f", ((JpegModelSpec) spec.model()).quality());
    }

    private static double failure(ExperimentSpec spec) {
        return ((PacketisedLinksSpec) spec.links()).failure();
    }

    private static void sort(Map<String, List<double[]>> series) {
        series.replaceAll((k, v) -> v.stream().sorted(Comparator.comparingDouble(a -> a[0])).toList());
    }
}
