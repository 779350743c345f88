package dev.edgewise.engine.family;

import ai.djl.nn.Block;
import dev.edgewise.engine.plot.RunPlots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A run's charts, drawn from the metrics it recorded per epoch and kept as {@code plots/<file>} artifacts. */
public final class RunPlotting {

    private final FamilyRun run;

    public RunPlotting(FamilyRun run) {
        this.run = run;
    }

    /** Curves of {@code metrics} over epochs (a metric never recorded draws an empty curve). */
    public void curves(String file, String title, String yLabel, String... metrics) throws IOException {
        Map<String, SortedMap<Long, Double>> history = run.history().get();
        Map<String, SortedMap<Long, Double>> chosen = new LinkedHashMap<>();
        for (String metric : metrics) {
            chosen.put(metric, history.getOrDefault(metric, new TreeMap<>()));
        }
        run.artifacts().artifact("plots/" + file, RunPlots.curves(folder().resolve(file), title, yLabel, chosen));
    }

    /** Who transmits in each round ({@code [round][node]} 0/1). */
    public void pattern(String file, String title, float[][] pattern) throws IOException {
        run.artifacts().artifact("plots/" + file, RunPlots.communicationPattern(folder().resolve(file), title, pattern));
    }

    private Path folder() throws IOException {
        return Files.createDirectories(run.artifacts().scratch().resolve("plots"));
    }

    /** Values DJL allocated for {@code block}'s parameters. */
    public static long parameters(Block block) {
        return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }
}
