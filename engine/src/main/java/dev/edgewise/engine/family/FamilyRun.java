package dev.edgewise.engine.family;

import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.links.LinkModelRegistry;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.train.Seeds;
import dev.edgewise.engine.train.TrainingListener;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * What one run gives a family: the compiled experiment, its data, the named seed streams, the
 * listener that records every epoch, the link models, and where its files go.
 *
 * @param data the dataset training samples come from (data.source)
 * @param testData the dataset test samples come from: data.test_source's, else {@code data} itself
 * @param history every per-epoch metric recorded so far, by name and epoch (for plots)
 */
public record FamilyRun(
        CompiledExperiment experiment,
        ImageDataset data,
        Seeds seeds,
        TrainingListener listener,
        Supplier<Map<String, SortedMap<Long, Double>>> history,
        LinkModelRegistry links,
        ArtifactSink artifacts,
        ImageDataset testData) {

    /** A run tested on its training dataset's held-out items. */
    public FamilyRun(CompiledExperiment experiment, ImageDataset data, Seeds seeds, TrainingListener listener,
            Supplier<Map<String, SortedMap<Long, Double>>> history, LinkModelRegistry links, ArtifactSink artifacts) {
        this(experiment, data, seeds, listener, history, links, artifacts, data);
    }

    public ExperimentSpec spec() {
        return experiment.spec();
    }
}
