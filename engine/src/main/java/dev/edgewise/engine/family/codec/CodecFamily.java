package dev.edgewise.engine.family.codec;

import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.links.Radio;
import dev.edgewise.dsl.spec.CodecModelSpec;
import dev.edgewise.dsl.spec.ExchangeSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.PacketisedLinksSpec;
import dev.edgewise.dsl.spec.RadioLinksSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import dev.edgewise.engine.family.DataShape;
import dev.edgewise.engine.family.FamilyCheck;
import dev.edgewise.engine.family.FamilyRun;
import dev.edgewise.engine.family.InspectTables;
import dev.edgewise.engine.family.ModelFamily;
import dev.edgewise.engine.family.RunPlotting;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.train.Traffic;
import dev.edgewise.engine.train.SplitSamples;
import dev.edgewise.engine.task.Task;
import dev.edgewise.engine.task.TaskRegistry;
import dev.edgewise.catalog.data.NodeView;
import dev.edgewise.engine.loss.MsSsim;
import dev.edgewise.engine.plot.RunPlots;
import dev.edgewise.engine.task.ReconstructionTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.OptionalDouble;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The learned image codec of the Starfish paper (papers/starfish-resilient-compression.md): a
 * camera encodes each image into a representation, quantized to B levels, shuffled and sent in
 * packets; the gateway decodes what arrived. Trained end to end on MSE, 1 - MS-SSIM, and the frozen classifier's
 * perceptual and classification terms (any weighted mix), with
 * packets dropped in training at {@code model.train_drop} and lost at test by the link model.
 */
public final class CodecFamily implements ModelFamily<CodecModelSpec>, dev.edgewise.engine.device.Budgeted {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CodecFamily.class);

    @Override
    public Class<CodecModelSpec> spec() {
        return CodecModelSpec.class;
    }

    @Override
    public Set<Class<? extends ExchangeSpec>> exchanges() {
        return Set.of(UpwardExchangeSpec.class);
    }

    /** A codec trained on one dataset can be tested on another (Starfish's Figure 15: own data against other data). */
    @Override
    public boolean testsOnOtherData() {
        return true;
    }

    /** Colour images go through the same network with three input and output planes; MS-SSIM is per channel, then averaged. */
    @Override
    public boolean takesColour() {
        return true;
    }

    @Override
    public Set<String> lossTerms() {
        return Set.of("task", "msssim", "perceptual", "classification");
    }

    @Override
    public void check(FamilyCheck<CodecModelSpec> check) {
        ExperimentSpec spec = check.spec();
        CodecModelSpec model = check.model();
        UpwardExchangeSpec exchange = (UpwardExchangeSpec) spec.exchange();
        if (CameraChecks.check(check, "the codec", "the codec's representation goes out in packets, and a lost packet loses the values"
                + " it carried") == null) {
            return;
        }
        if (spec.links() instanceof PacketisedLinksSpec links && links.inTraining() && !links.reliable()) {
            check.problem("$.links.in_training", "the codec drops packets in training at model.train_drop; the link model is for the test",
                    "set links.in_training: false");
        }
        if (exchange.quantization() == null || !exchange.quantization().active()) {
            check.problem("$.exchange.quantization", "the representation must be quantized to be sent", "e.g. quantization: {levels: 72, training: noise}");
        }
        if (exchange.messageSize() % model.patches() != 0) {
            check.problem("$.exchange.message_size", "message_size " + exchange.messageSize() + " does not split evenly over " + model.patches()
                    + " patches", "use a multiple of " + model.patches());
        }
        for (String term : List.of("perceptual", "classification")) {
            if (spec.loss().terms().containsKey(term) && model.classifier() == null) {
                check.problem("$.loss.terms." + term, "the " + term + " term judges decoded images with the frozen classifier, and there is"
                        + " none", "add model.classifier, e.g. classifier: {hidden: 128, epochs: 5}");
            }
        }
        if (spec.loss().terms().containsKey("classification") && spec.data().testSource() != null
                && !spec.data().testSource().equals(spec.data().source())) {
            check.problem("$.loss.terms.classification", "the classifier is trained on data.test_source's classes, so the training"
                    + " images' labels (of data.source) mean nothing to it", "drop data.test_source, or use the perceptual term");
        }
        DataShape data = check.data();
        int grid = model.grid();
        if (data.height() != data.width() || data.height() % grid != 0) {
            check.problem("$.model.patches", "the " + data.height() + "x" + data.width() + " images do not cut into " + grid + "x" + grid
                    + " square patches", "use square images whose side is a multiple of " + grid);
            return;
        }
        int padded = data.height() / grid + 2 * model.padding();
        int stages = model.channels().size();
        if (padded % (1 << stages) != 0) {
            check.problem("$.model.padding", "a padded patch of " + padded + " pixels does not halve " + stages + " times (one per convolution)",
                    "make patch side + 2 x padding a multiple of " + (1 << stages));
        }
    }

    @Override
    public Set<String> metrics(ExperimentSpec spec) {
        Set<String> names = new LinkedHashSet<>(List.of("train_loss", "train_samples_per_second", "parameters", "encoder_parameters",
                "decoder_parameters", "bytes_per_image", "packets_per_image"));
        for (String metric : List.of("loss", "mse", "psnr", "msssim", "bytes_per_image", "messages_per_sample", "bits_per_sample", "bytes_per_sample",
                "delivered_fraction", "raw_bits_per_sample", "bits_saving")) {
            names.add("test_" + metric);
        }
        Traffic.radioMetrics(spec.links()).forEach(metric -> names.add("test_" + metric));
        names.addAll(List.of("model_bytes", "model_bytes_float32", "camera_model_bytes", "test_examples_msssim"));
        if (spec.model() instanceof CodecModelSpec codec && codec.weightsOrFloat().bits() < 32) {
            names.add("model_bytes_saving");
            if (codec.weightsOrFloat().method() == dev.edgewise.dsl.spec.WeightsSpec.Method.PTQ) {
                names.addAll(List.of("test_msssim_float32", "test_psnr_float32"));
            }
        }
        if (spec.model() instanceof CodecModelSpec codec && codec.coding() == CodecModelSpec.EntropyCoding.HUFFMAN) {
            names.addAll(List.of("test_coded_bytes_per_image", "test_entropy_bytes_per_image"));
        }
        if (spec.model() instanceof CodecModelSpec codec && !codec.jpegQualities().isEmpty()) {
            names.addAll(List.of("test_jpeg_bytes_at_equal_msssim", "test_efficiency", "test_efficiency_scan"));
            if (spec.links() instanceof RadioLinksSpec) {
                names.addAll(List.of("test_jpeg_airtime_at_equal_msssim_s", "test_time_efficiency"));
            }
        }
        if (spec.model() instanceof CodecModelSpec codec && codec.classifier() != null) {
            names.addAll(List.of("test_task_accuracy", "test_task_accuracy_original", "test_perceptual_distance"));
            if (!codec.jpegQualities().isEmpty()) {
                names.addAll(List.of("test_jpeg_bytes_at_equal_task_accuracy", "test_task_efficiency", "test_task_efficiency_scan",
                        "test_jpeg_bytes_at_equal_perceptual", "test_perceptual_efficiency", "test_perceptual_efficiency_scan"));
            }
        }
        return names;
    }

    @Override
    public Map<String, Double> counts(CompiledExperiment experiment, DataShape data) {
        CodecShape shape = CodecShape.of(experiment.spec(), data.height(), data.width(), data.channels());
        Map<String, Double> counts = new LinkedHashMap<>();
        counts.put("parameters", (double) (shape.encoderParameters() + shape.decoderParameters()));
        counts.put("encoder_parameters", (double) shape.encoderParameters());
        counts.put("decoder_parameters", (double) shape.decoderParameters());
        counts.put("bytes_per_image", (double) shape.bytesPerImage());
        counts.put("packets_per_image", (double) shape.packetsPerImage());
        return counts;
    }

    @Override
    public void inspect(CompiledExperiment experiment, DataShape data, PrintWriter out) {
        ExperimentSpec spec = experiment.spec();
        CodecModelSpec model = (CodecModelSpec) spec.model();
        CodecShape shape = CodecShape.of(spec, data.height(), data.width(), data.channels());
        out.printf("%s: learned codec, %dx%d images in %d patch(es), padding %d, channels %s, %d values at %d levels%n%n", spec.name(),
                data.height(), data.width(), model.patches(), model.padding(), model.channels(), spec.exchange().messageSize(),
                shape.levels());
        InspectTables.quantities(out, "One image");
        InspectTables.row(out, "encoder parameters", shape.encoderParameters());
        InspectTables.row(out, "decoder parameters", shape.decoderParameters());
        InspectTables.row(out, "bits per value on the air", shape.bitsPerValue());
        InspectTables.row(out, "packets", shape.packetsPerImage());
        InspectTables.row(out, "bytes", shape.bytesPerImage());
        out.println();
    }

    @Override
    public Map<String, Double> run(FamilyRun run) throws IOException {
        ExperimentSpec spec = run.spec();
        ImageDataset data = run.data();
        ImageDataset testData = run.testData();
        Task task = TaskRegistry.of(spec.task());
        NodeView view = NodeView.of(spec.data());
        int[][] pools = SplitSamples.pools(data, spec.data().holdout(), run.seeds().stream("data.split"));
        // The same stream splits the test dataset: on the training dataset itself this is the same split, so no test
        // image was trained on; on another dataset it is that dataset's own held-out part.
        int[][] testPools = testData == data ? pools : SplitSamples.pools(testData, spec.data().holdout(), run.seeds().stream("data.split"));
        SplitSamples train = SplitSamples.draw(data, view, 1, spec.data().trainSamples(), pools[0], task, run.seeds().stream("data.train"));
        SplitSamples test = SplitSamples.draw(testData, view, 1, spec.data().testSamples(), testPools[1], task, run.seeds().stream("data.test"));
        CodecModelSpec model = (CodecModelSpec) spec.model();
        // Trained before the codec (which reseeds the engine for its own initialisation, so the codec is the same with or
        // without it), on the training items of the dataset it will judge, never on a test item.
        try (FrozenClassifier classifier = model.classifier() == null ? null : FrozenClassifier.train(model.classifier(), testData,
                testPools[0], spec.data().trainSamples(), spec.training().batchSize(), run.seeds().derive("classifier.init"),
                run.seeds().stream("classifier.order"));
                CodecTraining training = new CodecTraining(spec, data, testData, run.seeds(), run.links(), classifier)) {
            training.train(train, test, run.listener());
            Map<String, Double> results = new LinkedHashMap<>();
            if (training.ptq()) {
                // The paper's Figure 9: the float model's quality beside the stored (rounded) one's.
                Map<String, Double> floats = training.evaluate(test, null);
                results.put("test_msssim_float32", floats.get("msssim"));
                results.put("test_psnr_float32", floats.get("psnr"));
                training.roundWeights();
            }
            FrozenClassifier.Tally tally = classifier != null ? classifier.tally() : null;
            training.evaluate(test, training.huffman(train), tally).forEach((key, value) -> results.put("test_" + key, value));
            if (tally != null) {
                results.put("test_task_accuracy", tally.accuracy());
                results.put("test_task_accuracy_original", tally.originalAccuracy());
                results.put("test_perceptual_distance", tally.perceptualDistance());
            }
            results.putAll(counts(run.experiment(), DataShape.of(data)));
            results.put("model_bytes", training.weightBytes(training.precision()).get("model"));
            results.put("model_bytes_float32", training.weightBytes(dev.edgewise.engine.quant.WeightPrecision.FLOAT32).get("model"));
            results.put("camera_model_bytes", training.weightBytes(training.precision()).get("camera"));
            if (training.precision().bits() < 32) {
                results.put("model_bytes_saving", 1 - results.get("model_bytes") / results.get("model_bytes_float32"));
            }
            RunPlotting plots = new RunPlotting(run);
            plots.curves("loss.png", spec.name() + ": loss", "loss", "train_loss", "test_loss");
            plots.curves("msssim.png", spec.name() + ": test MS-SSIM", "MS-SSIM", "test_msssim");
            JpegCurve curve = null;
            if (!model.jpegQualities().isEmpty()) {
                ReconstructionTask reconstruction = (ReconstructionTask) task;
                curve = JpegCurve.measure(images(testData, view, test), model.jpegQualities(), reconstruction.msSsim(), classifier,
                        test.labels());
                efficiency(curve, results, run);
                if (classifier != null) {
                    judgedEfficiency(curve, results, "task_accuracy", JpegCurve.Point::accuracy, "task");
                    judgedEfficiency(curve, results, "perceptual_distance", JpegCurve.Point::perceptual, "perceptual");
                }
            }
            examples(run, training.examples(), curve, ((ReconstructionTask) task).msSsim(), results.get("test_msssim"))
                    .ifPresent(value -> results.put("test_examples_msssim", value));
            run.artifacts().parameters(training.model(), spec.name());
            return results;
        }
    }

    @Override
    public void sweepFigures(List<dev.edgewise.engine.family.PointSummary> points, dev.edgewise.engine.family.ArtifactSink sink) throws IOException {
        CodecSweepFigures.draw(points, sink);
    }

    /** The codec's weights at model.weights' precision (the device check counts them so, unless the device names its own). */
    @Override
    public dev.edgewise.engine.quant.WeightPrecision precision(ExperimentSpec spec, String role) {
        return dev.edgewise.engine.quant.WeightPrecision.of(((CodecModelSpec) spec.model()).weightsOrFloat());
    }

    /** The camera runs the encoder, the gateway the decoder (see {@link CodecBudget}); the data's channels, as {@link #counts}. */
    @Override
    public Map<String, dev.edgewise.engine.device.ModelFootprint> footprints(ExperimentSpec spec, DataShape data) {
        return CodecBudget.footprints(spec, data.height(), data.width(), data.channels());
    }


    /** Every test image as {@code [channel][row][column]}, in test order. */
    private static List<double[][][]> images(ImageDataset data, NodeView view, SplitSamples test) {
        int h = data.height();
        int w = data.width();
        int channels = data.channels();
        float[] pixels = test.inputs(data, view, 1, dev.edgewise.engine.train.Batches.identity(test.size()), 0, test.size());
        List<double[][][]> images = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            double[][][] image = new double[channels][h][w];
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        image[c][y][x] = pixels[((i * channels + c) * h + y) * w + x];
                    }
                }
            }
            images.add(image);
        }
        return images;
    }

    /**
     * JPEG's bytes at the codec's MS-SSIM, on the same test images, and the ratio (the paper's
     * compression efficiency), with the curve and the codec's point drawn on one chart.
     */
    private static void efficiency(JpegCurve curve, Map<String, Double> results, FamilyRun run) throws IOException {
        double msSsim = results.get("test_msssim");
        double bytes = results.get("test_bytes_per_image");
        OptionalDouble jpeg = curve.bytesAt(msSsim);
        OptionalDouble scan = curve.scanBytesAt(msSsim);
        if (jpeg.isPresent()) {
            results.put("test_jpeg_bytes_at_equal_msssim", jpeg.getAsDouble());
            results.put("test_efficiency", jpeg.getAsDouble() / bytes);
            Optional<Radio> radio = run.links().create(run.spec().links()).radio();
            if (radio.isPresent()) {
                // Starfish's Figure 17: time on air for an image of equal quality, JPEG's over ours, each in whole
                // bytes cut into the link's packets (each with its framing). Energy is time times one transmit
                // power, so the energy efficiency is the same ratio.
                double jpegSeconds = radio.get().messageSeconds(8 * (long) Math.ceil(jpeg.getAsDouble()));
                results.put("test_jpeg_airtime_at_equal_msssim_s", jpegSeconds);
                results.put("test_time_efficiency", jpegSeconds / radio.get().messageSeconds(8 * (long) Math.ceil(bytes)));
            }
        }
        if (scan.isPresent()) {
            results.put("test_efficiency_scan", scan.getAsDouble() / bytes);
        }
        if (jpeg.isEmpty() || scan.isEmpty()) {
            LOG.warn(String.format("the codec's MS-SSIM %.4f is outside JPEG's measured curve (%.4f to %.4f): no efficiency;"
                    + " widen model.jpeg_qualities", msSsim, curve.points().get(0).msSsim(), curve.points().get(curve.points().size() - 1).msSsim()));
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("JPEG (no loss)", curve.points().stream().map(p -> new double[] {p.bytes(), p.msSsim()}).toList());
        series.put("codec", List.of(new double[] {bytes, msSsim}));
        Path folder = Files.createDirectories(run.artifacts().scratch().resolve("plots"));
        run.artifacts().artifact("plots/rate_quality.png", RunPlots.lines(folder.resolve("rate_quality.png"), run.spec().name()
                + ": MS-SSIM against bytes per image", "bytes per image", "MS-SSIM", series, true));
    }

    /**
     * JPEG's bytes at the codec's value of a classifier measure ({@code metric}: task accuracy or
     * perceptual distance), interpolated on the same curve as for MS-SSIM, and the efficiencies; none
     * outside the curve (a warning says so), as for MS-SSIM.
     */
    private static void judgedEfficiency(JpegCurve curve, Map<String, Double> results, String metric,
            java.util.function.ToDoubleFunction<JpegCurve.Point> measure, String name) {
        double target = results.get("test_" + metric);
        double bytes = results.get("test_bytes_per_image");
        OptionalDouble jpeg = curve.bytesAt(measure, target, false);
        OptionalDouble scan = curve.bytesAt(measure, target, true);
        jpeg.ifPresent(value -> {
            results.put("test_jpeg_bytes_at_equal_" + (name.equals("task") ? "task_accuracy" : "perceptual"), value);
            results.put("test_" + name + "_efficiency", value / bytes);
        });
        scan.ifPresent(value -> results.put("test_" + name + "_efficiency_scan", value / bytes));
        if (jpeg.isEmpty() || scan.isEmpty()) {
            double[] values = curve.points().stream().mapToDouble(measure).toArray();
            LOG.warn(String.format("the codec's %s %.4f is outside JPEG's measured curve (%.4f at the lowest quality, %.4f at the"
                    + " highest): no %s efficiency", metric.replace('_', ' '), target, values[0], values[values.length - 1], name));
        }
    }

    /**
     * The decoded-examples grid: the originals, what the gateway decoded under the test links, and
     * (with a JPEG curve) JPEG without loss at the lowest measured quality that reaches the codec's MS-SSIM.
     * Returns the mean MS-SSIM of the decoded images the grid shows (none when no test image was kept).
     */
    private static OptionalDouble examples(FamilyRun run, List<double[][][][]> kept, JpegCurve curve, MsSsim msSsim, double codecMsSsim)
            throws IOException {
        if (kept.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<List<double[][][]>> rows = new ArrayList<>();
        rows.add(kept.stream().map(pair -> pair[0]).toList());
        rows.add(kept.stream().map(pair -> pair[1]).toList());
        if (curve != null) {
            curve.points().stream().filter(p -> p.msSsim() >= codecMsSsim).findFirst().ifPresent(point -> rows.add(kept.stream()
                    .map(pair -> jpeg(pair[0], point.quality())).toList()));
        }
        Path file = run.artifacts().scratch().resolve("examples").resolve("decoded.png");
        run.artifacts().artifact("examples/decoded.png", ExampleGrid.write(file, rows, 4));
        // What the grid shows, as a number a reference can hold (the paper's Figures 8, 10 and 11 are pictures).
        return OptionalDouble.of(kept.stream().mapToDouble(pair -> msSsim.of(pair[0], pair[1], 1)).average().orElseThrow());
    }

    private static double[][][] jpeg(double[][][] image, double quality) {
        byte[] file = JpegBaseline.encode(image, (float) quality);
        return JpegBaseline.decode(file, file.length, new boolean[1], image.length, image[0].length, image[0][0].length).image();
    }
}
