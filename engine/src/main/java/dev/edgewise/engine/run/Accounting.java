package dev.edgewise.engine.run;

import dev.edgewise.catalog.layers.CrnnStacks;
import dev.edgewise.catalog.layers.FlopConvention;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.dsl.spec.ExperimentSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one inference of a compiled C-RNN costs, counted by the paper's convention: the numbers its
 * Tables 4-6 print, as metrics a run logs and {@code edgewise inspect} compares with a reference.
 */
public record Accounting(LayerStack extractor, LayerStack cell, int nodes, int rounds, FlopConvention convention) {

    public static Accounting of(CompiledExperiment experiment) {
        ExperimentSpec spec = experiment.spec();
        return new Accounting(
                CrnnStacks.extractor(spec.model().features(), spec.model().extractor().dropout()),
                CrnnStacks.cell(spec.model().features(), spec.exchange().messageSize(), spec.model().cell().hidden()),
                experiment.graph().nodes(), spec.exchange().rounds(), FlopConvention.PAPER);
    }

    /** FLOPs of one sample as the paper's Table 6 counts them: one extractor pass plus N x R cell updates. */
    public long table6Flops() {
        return extractor.flops(convention) + (long) nodes * rounds * cell.flops(convention);
    }

    public Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("extractor_parameters", (double) extractor.parameters());
        metrics.put("extractor_flops", (double) extractor.flops(convention));
        metrics.put("cell_parameters", (double) cell.parameters());
        metrics.put("cell_flops", (double) cell.flops(convention));
        metrics.put("node_parameters", (double) (extractor.parameters() + cell.parameters()));
        metrics.put("inference_flops", (double) table6Flops());
        return metrics;
    }
}
