package dev.edgewise.engine.family.codec;

import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.data.NodeView;
import dev.edgewise.catalog.links.LinkDraw;
import dev.edgewise.catalog.links.LinkShape;
import dev.edgewise.dsl.spec.ExchangeSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.JpegModelSpec;
import dev.edgewise.dsl.spec.PacketisedLinksSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import dev.edgewise.engine.family.DataShape;
import dev.edgewise.engine.family.FamilyCheck;
import dev.edgewise.engine.family.FamilyRun;
import dev.edgewise.engine.family.InspectTables;
import dev.edgewise.engine.family.ModelFamily;
import dev.edgewise.engine.loss.MsSsim;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.task.ReconstructionTask;
import dev.edgewise.engine.task.TaskRegistry;
import dev.edgewise.engine.train.BitAccount;
import dev.edgewise.engine.train.LinkChannel;
import dev.edgewise.engine.train.Traffic;
import dev.edgewise.engine.train.SplitSamples;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The JPEG baseline as a family of its own, so one experiment (or one sweep, as a baseline) holds
 * the learned codec and JPEG on the same test images, links and metrics: nothing is trained; every
 * test image is encoded at {@code model.quality}, cut into packets of {@code links.payload} bytes,
 * put through the link model, and decoded by {@link JpegBaseline}'s loss rules.
 */
public final class JpegFamily implements ModelFamily<JpegModelSpec>, dev.edgewise.engine.device.Budgeted {

    @Override
    public Class<JpegModelSpec> spec() {
        return JpegModelSpec.class;
    }

    @Override
    public Set<Class<? extends ExchangeSpec>> exchanges() {
        return Set.of(UpwardExchangeSpec.class);
    }

    /** The JDK's encoder takes RGB as it takes grey (see {@link JpegBaseline#encode}); MS-SSIM per channel, then averaged. */
    @Override
    public boolean takesColour() {
        return true;
    }

    @Override
    public Set<String> lossTerms() {
        return Set.of("task", "msssim");
    }

    @Override
    public void check(FamilyCheck<JpegModelSpec> check) {
        CameraChecks.check(check, "JPEG", "a JPEG file goes out in packets, and a lost packet costs the rest of the image");
    }

    @Override
    public Set<String> metrics(ExperimentSpec spec) {
        Set<String> names = new LinkedHashSet<>(List.of("parameters"));
        for (String metric : List.of("mse", "psnr", "msssim", "bytes_per_image", "packets_per_image", "header_bytes", "delivered_fraction",
                "images_lost")) {
            names.add("test_" + metric);
        }
        Traffic.radioMetrics(spec.links()).forEach(metric -> names.add("test_" + metric));
        return names;
    }

    @Override
    public Map<String, Double> counts(CompiledExperiment experiment, DataShape data) {
        return Map.of("parameters", 0.0);
    }

    @Override
    public void inspect(CompiledExperiment experiment, DataShape data, PrintWriter out) {
        ExperimentSpec spec = experiment.spec();
        out.printf("%s: JPEG baseline at quality %.2f, %dx%d images, %d-byte packets%n%n", spec.name(), ((JpegModelSpec) spec.model()).quality(),
                data.height(), data.width(), ((PacketisedLinksSpec) spec.links()).payloadBytes());
        InspectTables.quantities(out, "One image");
        InspectTables.row(out, "bytes", "depends on the image (measured by a run)");
        out.println();
    }

    @Override
    public Map<String, Double> run(FamilyRun run) {
        ExperimentSpec spec = run.spec();
        ImageDataset data = run.data();
        ReconstructionTask task = (ReconstructionTask) TaskRegistry.of(spec.task());
        // The same test images as a codec run with this seed and these data settings: the same named streams.
        int[][] pools = SplitSamples.pools(data, spec.data().holdout(), run.seeds().stream("data.split"));
        SplitSamples test = SplitSamples.draw(data, NodeView.of(spec.data()), 1, spec.data().testSamples(), pools[1], task,
                run.seeds().stream("data.test"));
        float quality = (float) ((JpegModelSpec) spec.model()).quality();
        int payload = ((PacketisedLinksSpec) spec.links()).payloadBytes();
        SplittableRandom failures = run.seeds().stream("links.test");
        // One image a sample, one byte a value: the radio's account of what the files cost on the air.
        Map<String, Double> radioSums = null;
        MsSsim msSsim = task.msSsim();
        int h = data.height();
        int w = data.width();
        int channels = data.channels();
        double squared = 0;
        double msSsimSum = 0;
        long bytes = 0;
        long packets = 0;
        long delivered = 0;
        long header = 0;
        int lost = 0;
        for (int i = 0; i < test.size(); i++) {
            int item = test.items()[i][0];
            double[][][] image = new double[channels][h][w];
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        image[c][y][x] = data.pixels()[((item * channels + c) * h + y) * w + x];
                    }
                }
            }
            byte[] jpeg = JpegBaseline.encode(image, quality);
            int count = JpegBaseline.packets(jpeg.length, payload);
            LinkChannel channel = LinkChannel.of(run.links(), spec.links(), false, LinkShape.upward(1, jpeg.length, 8));
            LinkDraw draw = channel.draw(1, failures);
            if (channel.radio().isPresent()) {
                Traffic file = new Traffic(BitAccount.uniform(1, jpeg.length, 8, BitAccount.oneHop(1), jpeg.length, 8), 0).onAir(channel.radio());
                file.sample(new boolean[] {true});
                radioSums = add(radioSums, file.metrics());
            }
            boolean[] missing = new boolean[count];
            for (int k = 0; k < count; k++) {
                missing[k] = !draw.arrived(0, 0, 0, 0, k);
                delivered += missing[k] ? 0 : 1;
            }
            JpegBaseline.Decoded decoded = JpegBaseline.decode(jpeg, payload, missing, channels, h, w);
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double error = decoded.image()[c][y][x] - image[c][y][x];
                        squared += error * error;
                    }
                }
            }
            msSsimSum += msSsim.of(image, decoded.image(), 1);
            bytes += jpeg.length;
            packets += count;
            header += JpegBaseline.headerLength(jpeg);
            lost += decoded.lost() ? 1 : 0;
        }
        int n = test.size();
        double mse = squared / ((double) n * channels * h * w);
        Map<String, Double> results = new LinkedHashMap<>();
        results.put("test_mse", mse);
        results.put("test_psnr", 10 * Math.log10(1 / mse));
        results.put("test_msssim", msSsimSum / n);
        results.put("test_bytes_per_image", bytes / (double) n);
        results.put("test_packets_per_image", packets / (double) n);
        results.put("test_header_bytes", header / (double) n);
        results.put("test_delivered_fraction", delivered / (double) packets);
        results.put("test_images_lost", lost / (double) n);
        results.put("parameters", 0.0);
        if (radioSums != null) {
            for (String metric : Traffic.radioMetrics(spec.links())) {
                results.put("test_" + metric, radioSums.get(metric) / n);
            }
        }
        return results;
    }

    /** {@code sums} plus {@code metrics}, key by key (a new map on the first call). */
    private static Map<String, Double> add(Map<String, Double> sums, Map<String, Double> metrics) {
        Map<String, Double> total = sums == null ? new LinkedHashMap<>() : sums;
        metrics.forEach((name, value) -> total.merge(name, value, Double::sum));
        return total;
    }

    // Device budgets (role camera): see JpegBudget.

    @Override
    public Map<String, dev.edgewise.engine.device.ModelFootprint> footprints(ExperimentSpec spec, DataShape data) {
        return JpegBudget.footprints(spec, data);
    }

}
