package dev.edgewise.engine.family.crnn;

import dev.edgewise.catalog.layers.CrnnStacks;
import dev.edgewise.catalog.layers.FlopConvention;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.dsl.spec.CrnnModelSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.engine.run.CompiledExperiment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one inference of a compiled C-RNN costs, counted by the paper's convention: the numbers its
 * Tables 4-6 print, as metrics a run logs and {@code edgewise inspect} compares with a reference.
 */
public record CrnnAccounting(LayerStack extractor, LayerStack cell, int nodes, int rounds, FlopConvention convention) {

    public static CrnnAccounting of(CompiledExperiment experiment) {
        ExperimentSpec spec = experiment.spec();
        CrnnModelSpec model = (CrnnModelSpec) spec.model();
        return new CrnnAccounting(
                CrnnStacks.extractor(model.features(), model.extractor().dropout()),
                CrnnStacks.cell(model.features(), spec.exchange().messageSize(), model.cell().hidden()),
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
