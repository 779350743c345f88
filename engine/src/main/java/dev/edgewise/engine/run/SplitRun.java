package dev.edgewise.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.data.NodeView;
import dev.edgewise.catalog.layers.FlopConvention;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.engine.plot.RunPlots;
import dev.edgewise.engine.train.Seeds;
import dev.edgewise.engine.train.SplitSamples;
import dev.edgewise.engine.train.SplitTrainer;
import dev.edgewise.engine.train.TrainingListener;
import dev.edgewise.engine.track.RunRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of the upward family (split inference): samples, training, the test metrics with the
 * bits on the air, post-training weight quantization, and the run's artifacts.
 */
final class SplitRun {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RunRecorder recorder;
    private final TrainingListener progress;

    SplitRun(RunRecorder recorder, TrainingListener progress) {
        this.recorder = recorder;
        this.progress = progress;
    }

    Map<String, Double> train(CompiledExperiment experiment, ImageDataset data, Path scratch) throws IOException {
        ExperimentSpec spec = experiment.spec();
        Seeds seeds = new Seeds(spec.seed());
        int nodes = spec.topology().nodes();
        NodeView view = NodeView.of(spec.data());
        int[][] pools = SplitSamples.pools(data, spec.data().holdout(), seeds.stream("data.split"));
        SplitSamples train = SplitSamples.draw(data, view, nodes, spec.data().trainSamples(), pools[0], spec.task().kind(),
                seeds.stream("data.train"));
        SplitSamples test = SplitSamples.draw(data, view, nodes, spec.data().testSamples(), pools[1], spec.task().kind(),
                seeds.stream("data.test"));
        ExperimentRunner.RecordingListener listener = new ExperimentRunner.RecordingListener(recorder, progress, new TreeMap<>());
        try (SplitTrainer trainer = new SplitTrainer(spec, data, experiment.graph().adjacency(), seeds)) {
            trainer.train(train, test, listener);
            Map<String, Double> results = new LinkedHashMap<>();
            trainer.evaluate(test).forEach((key, value) -> results.put("test_" + key, value));
            results.putAll(trainer.weightQuantization(test, 8, 4));
            results.put("sensor_parameters", (double) trainer.sensorStack().parameters());
            results.put("base_parameters", (double) trainer.baseStack().parameters());
            results.put("sensor_flops", (double) trainer.sensorStack().flops(FlopConvention.PAPER));
            results.put("base_flops", (double) trainer.baseStack().flops(FlopConvention.PAPER));
            long step = spec.training().epochs();
            for (Map.Entry<String, Double> result : results.entrySet()) {
                recorder.metric(result.getKey(), result.getValue(), step);
            }
            recorder.artifact("results.json", ExperimentRunner.write(scratch, "results.json", JSON.writeValueAsString(results)));
            Path plots = Files.createDirectories(scratch.resolve("plots"));
            recorder.artifact("plots/loss.png", RunPlots.curves(plots.resolve("loss.png"), spec.name() + ": loss", "loss",
                    ExperimentRunner.select(listener.history(), "train_loss", "test_loss")));
            recorder.artifact("plots/accuracy.png", RunPlots.curves(plots.resolve("accuracy.png"), spec.name() + ": test accuracy",
                    "accuracy", ExperimentRunner.select(listener.history(), "test_accuracy")));
            Path model = trainer.saveParameters(scratch.resolve("model"));
            recorder.artifact("model/" + model.getFileName(), model);
            return results;
        }
    }
}
