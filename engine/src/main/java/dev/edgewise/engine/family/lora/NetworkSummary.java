package dev.edgewise.engine.family.lora;

import dev.edgewise.dsl.spec.LoraNetworkModelSpec;
import dev.edgewise.engine.family.ArtifactSink;
import dev.edgewise.engine.family.PointSummary;
import dev.edgewise.engine.plot.RunPlots;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figure 19 of Starfish over a sweep of network sizes and send intervals: every point's throughput
 * against its delivery rate, and the most a gateway delivers while at least 95 % (what JPEG needs)
 * or at least 80 % (what a loss-tolerant codec needs) of the packets arrive.
 */
final class NetworkSummary {

    /** The delivery rates Starfish compares: JPEG's and the loss-tolerant codec's. */
    static final double[] FLOORS = {0.95, 0.80};

    private NetworkSummary() {}

    static void write(List<PointSummary> points, ArtifactSink sink) throws IOException {
        List<PointSummary> searched = points.stream().filter(p -> p.spec().model() instanceof LoraNetworkModelSpec model
                && !model.deliveryFloors().isEmpty()).toList();
        if (!searched.isEmpty()) {
            sink.artifact("lora/capacity.md", Files.writeString(sink.scratch().resolve("lora-capacity.md"), capacity(searched)));
        }
        List<PointSummary> network = points.stream().filter(p -> p.spec().model() instanceof LoraNetworkModelSpec
                && p.metrics().containsKey("delivery_rate")).toList();
        if (network.isEmpty()) {
            return;
        }
        Path scratch = sink.scratch();
        StringBuilder csv = new StringBuilder("run_id,nodes,interval_s,delivery_rate,throughput_bytes_per_hour,energy_per_delivered_byte_j\n");
        for (PointSummary p : network) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%s,%.6f,%.3f,%.9f%n", p.runId(), p.spec().topology().nodes(),
                    ((LoraNetworkModelSpec) p.spec().model()).interval(), p.metrics().get("delivery_rate"),
                    p.metrics().get("throughput_bytes_per_hour"), p.metrics().get("energy_per_delivered_byte_j")));
        }
        sink.artifact("lora/network.csv", Files.writeString(scratch.resolve("lora-network.csv"), csv));
        sink.artifact("lora/summary.md", Files.writeString(scratch.resolve("lora-summary.md"), summary(network)));
        sink.artifact("lora/throughput_vs_delivery.png", plot(scratch.resolve("throughput_vs_delivery.png"), network));
    }

    /**
     * Each point's capacity at each delivery floor, the best over the points per floor, and the ratio
     * of the best at the second floor to the best at the first (Starfish: 80 % against 95 %).
     */
    static String capacity(List<PointSummary> points) {
        List<Integer> floors = ((LoraNetworkModelSpec) points.get(0).spec().model()).deliveryFloors();
        StringBuilder out = new StringBuilder("| nodes |");
        floors.forEach(f -> out.append(String.format(Locale.ROOT, " interval at %d %% (s) | kB/h at %d %% | mJ per byte at %d %% |", f, f, f)));
        out.append("\n|---|").append("---|---|---|".repeat(floors.size())).append('\n');
        double[] best = new double[floors.size()];
        for (PointSummary p : points) {
            out.append("| ").append(p.spec().topology().nodes()).append(" |");
            for (int i = 0; i < floors.size(); i++) {
                List<String> names = LoraNetworkFamily.capacityMetrics(floors.get(i));
                double throughput = p.metrics().getOrDefault(names.get(1), Double.NaN);
                if (throughput > best[i]) {
                    best[i] = throughput;
                }
                out.append(String.format(Locale.ROOT, " %.1f | %.1f | %.3f |", p.metrics().getOrDefault(names.get(0), Double.NaN), throughput / 1000,
                        p.metrics().getOrDefault(names.get(2), Double.NaN) * 1000));
            }
            out.append('\n');
        }
        out.append("\nBest over the network sizes:");
        for (int i = 0; i < floors.size(); i++) {
            out.append(String.format(Locale.ROOT, " %.1f kB/h at >= %d %%%s", best[i] / 1000, floors.get(i), i + 1 < floors.size() ? ";" : "."));
        }
        if (floors.size() >= 2 && best[0] > 0) {
            out.append(String.format(Locale.ROOT, "%n%nDelivering at >= %d %% instead of >= %d %% gives %.2fx the throughput (Starfish, 80 %% against 95 %%:"
                    + " 825 / 219 kB/h = 3.77x).%n", floors.get(1), floors.get(0), best[1] / best[0]));
        }
        return out.toString();
    }

    /** The best throughput at each delivery floor, and their ratio. */
    static String summary(List<PointSummary> network) {
        StringBuilder out = new StringBuilder("| delivery rate at least | best throughput (kB/h) | nodes | interval (s) | energy per delivered byte (mJ) |\n"
                + "|---|---|---|---|---|\n");
        double[] best = new double[FLOORS.length];
        for (int f = 0; f < FLOORS.length; f++) {
            PointSummary top = best(network, FLOORS[f]);
            if (top == null) {
                out.append(String.format(Locale.ROOT, "| %.2f | none reached it | | | |%n", FLOORS[f]));
                continue;
            }
            best[f] = top.metrics().get("throughput_bytes_per_hour");
            out.append(String.format(Locale.ROOT, "| %.2f | %.1f | %d | %s | %.3f |%n", FLOORS[f], best[f] / 1000, top.spec().topology().nodes(),
                    ((LoraNetworkModelSpec) top.spec().model()).interval(), top.metrics().get("energy_per_delivered_byte_j") * 1000));
        }
        if (best[0] > 0 && best[1] > 0) {
            out.append(String.format(Locale.ROOT, "%nTolerating 20 %% loss instead of 5 %% delivers %.2fx the bytes (Starfish: 825 / 219 kB/h = 3.77x).%n",
                    best[1] / best[0]));
        }
        return out.toString();
    }

    private static PointSummary best(List<PointSummary> network, double floor) {
        PointSummary top = null;
        for (PointSummary p : network) {
            if (p.metrics().get("delivery_rate") >= floor
                    && (top == null || p.metrics().get("throughput_bytes_per_hour") > top.metrics().get("throughput_bytes_per_hour"))) {
                top = p;
            }
        }
        return top;
    }

    private static Path plot(Path file, List<PointSummary> network) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560).title("Throughput against delivery rate, one gateway")
                .xAxisTitle("throughput (kB per hour)").yAxisTitle("delivery rate").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        Map<Integer, List<double[]>> byNodes = new TreeMap<>();
        for (PointSummary p : network) {
            byNodes.computeIfAbsent(p.spec().topology().nodes(), k -> new ArrayList<>())
                    .add(new double[] {p.metrics().get("throughput_bytes_per_hour") / 1000, p.metrics().get("delivery_rate")});
        }
        byNodes.forEach((nodes, xy) -> chart.addSeries(nodes + " nodes", xy.stream().mapToDouble(v -> v[0]).toArray(),
                xy.stream().mapToDouble(v -> v[1]).toArray()).setMarker(SeriesMarkers.CIRCLE));
        return RunPlots.save(chart, file);
    }
}
