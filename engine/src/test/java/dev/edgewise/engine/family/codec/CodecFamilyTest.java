package dev.edgewise.engine.family.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.engine.cli.Edgewise;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The codec family through the command line: validate, inspect, and a short real training run on MNIST digits. */
class CodecFamilyTest {

    static final String EXPERIMENT = """
            name: codec
            seed: 5
            data: {source: mnist, view: whole, train_samples: 256, test_samples: 64}
            topology: {nodes: 1, graph: star}
            model: {kind: codec, padding: 2, channels: [8, 8], train_drop: 0.1, coding: huffman}
            exchange: {kind: upward, message_size: 64, quantization: {levels: 12, training: noise}}
            links: {kind: packets, payload: 12, failure: 0.2, in_training: false}
            task: {kind: reconstruction, msssim_scales: 2, msssim_window: 7}
            loss: {terms: {task: {weight: 1.0}, msssim: {weight: 0.5}}}
            training: {epochs: 2, batch_size: 32}
            """;

    @TempDir
    static Path root;

    static Result run;

    @BeforeAll
    static void trainOnce() throws IOException {
        Files.writeString(root.resolve("codec.yaml"), EXPERIMENT);
        run = execute("run", root.resolve("codec.yaml").toString(), "--runs", root.resolve("runs").toString(), "--mlruns",
                root.resolve("mlruns").toString());
    }

    @Test
    void aRunTrainsAndMeasuresTheCodec() throws IOException {
        assertEquals(0, run.code(), run.err());
        JsonNode metrics = metrics();
        // 64 values at 12 levels: 4 bits each; 12-byte packets carry 24 values: 3 packets of 12 + 12 + 8 bytes.
        assertEquals(32.0, metrics.get("bytes_per_image").asDouble());
        assertEquals(3.0, metrics.get("packets_per_image").asDouble());
        double msSsim = metrics.get("test_msssim").asDouble();
        assertTrue(msSsim > 0.2 && msSsim < 1, "MS-SSIM " + msSsim);
        assertTrue(metrics.get("test_psnr").asDouble() > 8, "PSNR " + metrics.get("test_psnr"));
        double delivered = metrics.get("test_delivered_fraction").asDouble();
        assertTrue(delivered < 1, "the link loses packets at test: " + delivered);
        double coded = metrics.get("test_coded_bytes_per_image").asDouble();
        double bound = metrics.get("test_entropy_bytes_per_image").asDouble();
        assertTrue(bound <= coded && coded <= bound + 64 / 8.0 + 1, "Huffman " + coded + " bytes, at least the entropy " + bound + " and within a bit per value of it");
    }

    /** The JPEG baseline as a family: the same test images, packets and metrics; nothing trained. */
    @Test
    void jpegOnTheSameImagesAndLinks() throws IOException {
        String jpeg = EXPERIMENT.replace("name: codec", "name: jpeg")
                .replace("model: {kind: codec, padding: 2, channels: [8, 8], train_drop: 0.1, coding: huffman}", "model: {kind: jpeg, quality: 0.9}")
                .replace("failure: 0.2", "failure: 0.0");
        Files.writeString(root.resolve("jpeg.yaml"), jpeg);
        Result clean = execute("run", root.resolve("jpeg.yaml").toString(), "--runs", root.resolve("jpeg-runs").toString(), "--mlruns",
                root.resolve("mlruns").toString());
        assertEquals(0, clean.code(), clean.err());
        JsonNode metrics = metrics(root.resolve("jpeg-runs"));
        assertEquals(0.0, metrics.get("test_images_lost").asDouble());
        assertTrue(metrics.get("test_msssim").asDouble() > 0.9, "quality 0.9 without loss: " + metrics.get("test_msssim"));
        double bytes = metrics.get("test_bytes_per_image").asDouble();
        assertTrue(bytes > metrics.get("test_header_bytes").asDouble(), bytes + " bytes");
        assertEquals(Math.ceil(bytes / 12), metrics.get("test_packets_per_image").asDouble(), 1.0);

        Files.writeString(root.resolve("jpeg-lossy.yaml"), jpeg.replace("name: jpeg", "name: jpeg-lossy").replace("failure: 0.0", "failure: 0.3"));
        Result lossy = execute("run", root.resolve("jpeg-lossy.yaml").toString(), "--runs", root.resolve("jpeg-lossy-runs").toString(),
                "--mlruns", root.resolve("mlruns").toString());
        assertEquals(0, lossy.code(), lossy.err());
        JsonNode lost = metrics(root.resolve("jpeg-lossy-runs"));
        assertTrue(lost.get("test_images_lost").asDouble() > 0.5, "30 % packet loss loses most images: " + lost.get("test_images_lost"));
        assertTrue(lost.get("test_msssim").asDouble() < metrics.get("test_msssim").asDouble());
    }

    /**
     * Testing on a named dataset that is the training one is the same held-out split (so no test image was trained
     * on), and a frozen classifier trained first leaves the codec as it was: the codec's numbers do not move by a bit.
     */
    @Test
    void aClassifierAndANamedTestSourceLeaveTheCodecAsItWas() throws IOException {
        assertEquals(0, run.code(), run.err());
        Path judged = root.resolve("judged.yaml");
        Files.writeString(judged, EXPERIMENT.replace("name: codec", "name: judged")
                .replace("test_samples: 64}", "test_samples: 64, test_source: mnist}")
                .replace("coding: huffman}", "coding: huffman, jpeg_qualities: [0.01, 0.5, 0.9], classifier: {hidden: 32, epochs: 3}}"));
        Result result = execute("run", judged.toString(), "--runs", root.resolve("judged-runs").toString(), "--mlruns",
                root.resolve("mlruns").toString());
        assertEquals(0, result.code(), result.err());
        JsonNode base = metrics();
        JsonNode metrics = metrics(root.resolve("judged-runs"));
        assertEquals(base.get("test_msssim").asDouble(), metrics.get("test_msssim").asDouble(), 0.0);
        assertEquals(base.get("test_coded_bytes_per_image").asDouble(), metrics.get("test_coded_bytes_per_image").asDouble(), 0.0);
        double original = metrics.get("test_task_accuracy_original").asDouble();
        double decoded = metrics.get("test_task_accuracy").asDouble();
        assertTrue(original > 0.5, "a classifier of the digits, on 64 originals: " + original);
        assertTrue(decoded >= 0 && decoded <= 1, "accuracy on decoded images " + decoded);
        assertTrue(metrics.get("test_perceptual_distance").asDouble() > 0, "decoded images differ from the originals");
        if (metrics.has("test_task_efficiency")) {
            assertEquals(metrics.get("test_jpeg_bytes_at_equal_task_accuracy").asDouble() / metrics.get("test_bytes_per_image").asDouble(),
                    metrics.get("test_task_efficiency").asDouble(), 1e-9);
        }
    }

    /**
     * The perceptual and classification terms train the codec through the frozen classifier: the run
     * works end to end, and the classifier is the one a run without the terms trains (its accuracy
     * on the originals does not move by a bit), while the codec itself is trained differently.
     */
    @Test
    void theCodecTrainsOnTheFrozenClassifiersJudgement() throws IOException {
        String judged = EXPERIMENT.replace("coding: huffman}", "coding: huffman, classifier: {hidden: 32, epochs: 3}}");
        Path plain = root.resolve("plain-judged.yaml");
        Files.writeString(plain, judged.replace("name: codec", "name: plain-judged"));
        Path aware = root.resolve("task-aware.yaml");
        Files.writeString(aware, judged.replace("name: codec", "name: task-aware")
                .replace("msssim: {weight: 0.5}}}", "msssim: {weight: 0.5}, perceptual: {weight: 1.0}, classification: {weight: 0.1}}}"));
        Result first = execute("run", plain.toString(), "--runs", root.resolve("plain-runs").toString(), "--mlruns", root.resolve("mlruns").toString());
        Result second = execute("run", aware.toString(), "--runs", root.resolve("aware-runs").toString(), "--mlruns", root.resolve("mlruns").toString());
        assertEquals(0, first.code(), first.err());
        assertEquals(0, second.code(), second.err());
        JsonNode base = metrics(root.resolve("plain-runs"));
        JsonNode metrics = metrics(root.resolve("aware-runs"));
        assertEquals(base.get("test_task_accuracy_original").asDouble(), metrics.get("test_task_accuracy_original").asDouble(), 0.0);
        assertTrue(base.get("test_msssim").asDouble() != metrics.get("test_msssim").asDouble(), "the terms change what the codec learns");
        assertTrue(Double.isFinite(metrics.get("test_loss").asDouble()) && metrics.get("test_perceptual_distance").asDouble() > 0);
    }

    /**
     * int8 weights after training (the paper's Figure 9): the float model measured in the same run is
     * the codec trained without the key, to the bit; the stored model is about a quarter of the bytes
     * (biases and one scale per tensor stay float32), and its quality moves a little, not a lot.
     */
    @Test
    void int8WeightsAfterTrainingShrinkTheModelAndKeepItsQuality() throws IOException {
        assertEquals(0, run.code(), run.err());
        Path int8 = root.resolve("int8.yaml");
        Files.writeString(int8, EXPERIMENT.replace("name: codec", "name: int8").replace("coding: huffman}", "coding: huffman, weights: {bits: 8}}"));
        Result result = execute("run", int8.toString(), "--runs", root.resolve("int8-runs").toString(), "--mlruns", root.resolve("mlruns").toString());
        assertEquals(0, result.code(), result.err());
        JsonNode base = metrics();
        JsonNode metrics = metrics(root.resolve("int8-runs"));
        assertEquals(base.get("test_msssim").asDouble(), metrics.get("test_msssim_float32").asDouble(), 0.0);
        assertEquals(base.get("model_bytes").asDouble(), metrics.get("model_bytes_float32").asDouble(), 0.0);
        double saving = metrics.get("model_bytes_saving").asDouble();
        assertTrue(saving > 0.6 && saving < 0.75, "int8 weights with float32 biases and scales: " + saving);
        double drop = metrics.get("test_msssim_float32").asDouble() - metrics.get("test_msssim").asDouble();
        assertTrue(drop != 0 && Math.abs(drop) < 0.05, "rounding the weights moves MS-SSIM a little: " + drop);
        assertTrue(metrics.get("camera_model_bytes").asDouble() < metrics.get("model_bytes").asDouble());
    }

    @Test
    void aJudgedTermNeedsTheClassifier() throws IOException {
        Path bad = root.resolve("no-judge.yaml");
        Files.writeString(bad, EXPERIMENT.replace("msssim: {weight: 0.5}}}", "msssim: {weight: 0.5}, classification: {weight: 1}}}"));
        Result refused = execute("validate", bad.toString());
        assertEquals(2, refused.code(), refused.out());
        assertTrue(refused.err().contains("loss.terms.classification") && refused.err().contains("add model.classifier"), refused.err());
    }

    @Test
    void aTestSourceIsCheckedBeforeAnythingRuns() throws IOException {
        Path unknown = root.resolve("unknown-test-source.yaml");
        Files.writeString(unknown, EXPERIMENT.replace("test_samples: 64}", "test_samples: 64, test_source: mnits}"));
        Result refused = execute("validate", unknown.toString());
        assertEquals(2, refused.code(), refused.out());
        assertTrue(refused.err().contains("data.test_source") && refused.err().contains("unknown dataset 'mnits'")
                && refused.err().contains("did you mean 'mnist'?"), refused.err());

        Path jpeg = root.resolve("jpeg-test-source.yaml");
        Files.writeString(jpeg, EXPERIMENT.replace("test_samples: 64}", "test_samples: 64, test_source: mnist}")
                .replace("model: {kind: codec, padding: 2, channels: [8, 8], train_drop: 0.1, coding: huffman}", "model: {kind: jpeg, quality: 0.9}"));
        Result notHere = execute("validate", jpeg.toString());
        assertEquals(2, notHere.code(), notHere.out());
        assertTrue(notHere.err().contains("model kind jpeg tests on held-out items of its training dataset, not on another dataset"),
                notHere.err());
    }

    @Test
    void inspectCountsWithoutTraining() {
        Result inspect = execute("inspect", root.resolve("codec.yaml").toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("learned codec, 28x28 images in 1 patch(es), padding 2, channels [8, 8], 64 values at 12 levels"),
                inspect.out());
    }

    @Test
    void whatTheCodecCannotDoIsRefusedAtItsKey() throws IOException {
        Path bad = root.resolve("bad.yaml");
        Files.writeString(bad, EXPERIMENT.replace("padding: 2", "padding: 1").replace("msssim_scales: 2, msssim_window: 7", "msssim_scales: 5")
                .replace("in_training: false", "in_training: true"));
        Result refused = execute("validate", bad.toString());
        assertEquals(2, refused.code(), refused.out());
        assertTrue(refused.err().contains("a padded patch of 30 pixels does not halve 2 times"), refused.err());
        assertTrue(refused.err().contains("28x28 images are too small for 5 MS-SSIM scales with a 11-pixel window (each side must be at least 161)"),
                refused.err());
        assertTrue(refused.err().contains("the codec drops packets in training at model.train_drop"), refused.err());
    }

    private static JsonNode metrics() throws IOException {
        return metrics(root.resolve("runs"));
    }

    private static JsonNode metrics(Path runs) throws IOException {
        try (Stream<Path> files = Files.walk(runs)) {
            Path file = files.filter(p -> p.getFileName().toString().equals("results.json")).findFirst().orElseThrow();
            return new ObjectMapper().readTree(file.toFile());
        }
    }

    record Result(int code, String out, String err) {}

    static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Edgewise.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
