package dev.edgewise.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.NativeLibrary;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The engine's own operator profiler, around a stretch of training (the timed batches of
 * {@code edgewise bench --profile}): which native operators the time goes to, which JFR cannot
 * see inside a native call. PyTorch writes a Chrome trace (DJL's profiler hook); MXNet its own
 * Chrome trace plus its aggregate table, switched on through its C API (DJL does not wrap it).
 * Both traces open in chrome://tracing or Perfetto.
 */
public abstract sealed class EngineProfiler {

    /** One operator's share of the profiled stretch: time inside it, less the operators it called. */
    public record Operator(String name, long calls, double selfMillis) {}

    /** The profiler for the engine that is DJL's default now. */
    public static EngineProfiler forEngine(String engineName) {
        return switch (engineName) {
            case "PyTorch" -> new Torch();
            case "MXNet" -> new Mxnet();
            default -> throw new IllegalArgumentException("no profiler for the " + engineName + " engine");
        };
    }

    /** Starts recording every operator; {@link #stop} writes their trace to {@code trace}. */
    public abstract void start(Path trace);

    /** Stops and writes the trace; returns the operators, most time first. */
    public abstract List<Operator> stop() throws IOException;

    private static final class Torch extends EngineProfiler {
        // pytorch-engine is a runtime dependency: the engine stays behind DJL's interfaces at compile time.
        private static final String JNI = "ai.djl.pytorch.jni.JniUtils";

        private Path trace;

        @Override
        public void start(Path trace) {
            this.trace = trace;
            call("startProfile", new Class<?>[] {boolean.class, boolean.class, boolean.class}, false, true, false);
        }

        @Override
        public List<Operator> stop() throws IOException {
            call("stopProfile", new Class<?>[] {String.class}, trace.toString());
            return selfTimes(new ObjectMapper().readTree(trace.toFile()));
        }

        private static void call(String method, Class<?>[] types, Object... arguments) {
            try {
                Class.forName(JNI).getMethod(method, types).invoke(null, arguments);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("DJL's PyTorch profiler is not available: " + e, e);
            }
        }
    }

    private static final class Mxnet extends EngineProfiler {
        @Override
        public void start(Path file) {
            String[] keys = {"profile_imperative", "aggregate_stats", "filename"};
            String[] values = {"1", "1", file.toString()};
            check(library().getFunction("MXSetProfilerConfig").invokeInt(new Object[] {keys.length, keys, values}), "MXSetProfilerConfig");
            check(library().getFunction("MXSetProfilerState").invokeInt(new Object[] {1}), "MXSetProfilerState");
        }

        @Override
        public List<Operator> stop() throws IOException {
            NativeLibrary mxnet = library();
            check(mxnet.getFunction("MXSetProfilerState").invokeInt(new Object[] {0}), "MXSetProfilerState");
            PointerByReference table = new PointerByReference();
            // JSON (format 1), sorted by total time, descending.
            check(mxnet.getFunction("MXAggregateProfileStatsPrintEx").invokeInt(new Object[] {table, 1, 1, 0, 0}),
                    "MXAggregateProfileStatsPrintEx");
            check(mxnet.getFunction("MXDumpProfile").invokeInt(new Object[] {1}), "MXDumpProfile");
            JsonNode stats = new ObjectMapper().readTree(table.getValue().getString(0));
            Map<String, double[]> totals = new HashMap<>();
            stats.path("Time").path("operator").fields().forEachRemaining(op -> totals.put(op.getKey(),
                    new double[] {op.getValue().path("Count").asDouble(), op.getValue().path("Total").asDouble() * 1000}));
            return sorted(totals);
        }

        private static NativeLibrary library() {
            try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
                return maps.filter(line -> line.contains("libmxnet")).map(line -> line.substring(line.indexOf('/')).trim()).findFirst()
                        .map(NativeLibrary::getInstance)
                        .orElseThrow(() -> new IllegalStateException("libmxnet is not loaded in this process"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void check(int status, String function) {
            if (status != 0) {
                throw new IllegalStateException("MXNet's " + function + " failed (status " + status + ")");
            }
        }
    }

    /** Self time per operator name from complete ("X") events, nested by time on each thread. */
    static List<Operator> selfTimes(JsonNode trace) {
        JsonNode events = trace.isArray() ? trace : trace.path("traceEvents");
        Map<String, List<JsonNode>> byThread = new HashMap<>();
        for (JsonNode event : events) {
            if ("X".equals(event.path("ph").asText())) {
                byThread.computeIfAbsent(event.path("tid").asText(), t -> new ArrayList<>()).add(event);
            }
        }
        Map<String, double[]> totals = new HashMap<>();
        for (List<JsonNode> thread : byThread.values()) {
            thread.sort(Comparator.<JsonNode>comparingDouble(e -> e.path("ts").asDouble()).thenComparingDouble(e -> -e.path("dur").asDouble()));
            Deque<JsonNode> open = new ArrayDeque<>();
            for (JsonNode event : thread) {
                double start = event.path("ts").asDouble();
                while (!open.isEmpty() && open.peek().path("ts").asDouble() + open.peek().path("dur").asDouble() <= start) {
                    open.pop();
                }
                double duration = event.path("dur").asDouble();
                if (!open.isEmpty()) {
                    totals.get(open.peek().path("name").asText())[1] -= duration;
                }
                double[] total = totals.computeIfAbsent(event.path("name").asText(), n -> new double[2]);
                total[0]++;
                total[1] += duration;
                open.push(event);
            }
        }
        return sorted(totals);
    }

    /** Totals {@code [calls, self microseconds]} by name, most time first. */
    private static List<Operator> sorted(Map<String, double[]> totals) {
        List<Operator> operators = new ArrayList<>();
        totals.forEach((name, total) -> operators.add(new Operator(name, (long) total[0], total[1] / 1000)));
        operators.sort(Comparator.comparingDouble(Operator::selfMillis).reversed());
        return operators;
    }
}
