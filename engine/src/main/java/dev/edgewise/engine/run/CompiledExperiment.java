package dev.edgewise.engine.run;

import dev.edgewise.catalog.data.DatasetRegistry;
import dev.edgewise.catalog.topology.Graph;
import dev.edgewise.catalog.topology.TopologyParams;
import dev.edgewise.catalog.topology.TopologyRegistry;
import dev.edgewise.dsl.CanonicalSpec;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.Names;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.TopologySpec;
import dev.edgewise.engine.train.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * A spec checked against the catalog: its names resolve, its graph is built. Mistakes found here
 * are still the user's, so they are reported at the line that caused them.
 */
public record CompiledExperiment(ExperimentSpec spec, String specHash, Graph graph) {

    public static CompiledExperiment compile(LoadedSpec loaded, TopologyRegistry topologies, DatasetRegistry datasets) {
        ExperimentSpec spec = loaded.spec();
        List<SpecProblem> problems = new ArrayList<>();
        if (!datasets.names().contains(spec.data().source())) {
            String nearest = Names.nearest(spec.data().source(), datasets.names());
            problems.add(loaded.sources().problem("$.data.source", "unknown dataset '" + spec.data().source() + "'",
                    (nearest != null ? "did you mean '" + nearest + "'? " : "") + "known datasets: " + String.join(", ", datasets.names())));
        }
        Graph graph = null;
        TopologySpec topology = spec.topology();
        if (!topologies.names().contains(topology.graph())) {
            String nearest = Names.nearest(topology.graph(), topologies.names());
            problems.add(loaded.sources().problem("$.topology.graph", "unknown graph '" + topology.graph() + "'",
                    (nearest != null ? "did you mean '" + nearest + "'? " : "") + "known graphs: " + String.join(", ", topologies.names())));
        } else {
            try {
                graph = topologies.create(topology.graph(), params(topology, new Seeds(spec.seed()).derive("topology")));
            } catch (IllegalArgumentException e) {
                problems.add(loaded.sources().problem("$.topology", e.getMessage(), null));
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return new CompiledExperiment(spec, CanonicalSpec.hash(spec), graph);
    }

    private static TopologyParams params(TopologySpec topology, long seed) {
        List<int[]> edges = topology.edges() == null ? null
                : topology.edges().stream().map(e -> new int[] {e.get(0), e.get(1)}).toList();
        return new TopologyParams(topology.nodes(), topology.rows(), topology.cols(), topology.branching(),
                topology.radius(), topology.probability(), seed, edges);
    }
}
