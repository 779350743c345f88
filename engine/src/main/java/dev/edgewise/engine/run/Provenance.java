package dev.edgewise.engine.run;

import ai.djl.engine.Engine;
import dev.edgewise.catalog.data.ImageDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What produced a run: enough to re-run it and to know when a re-run may differ. */
public final class Provenance {

    private Provenance() {}

    public static Map<String, String> collect(CompiledExperiment experiment, ImageDataset data, String commandLine) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("spec_hash", experiment.specHash());
        facts.put("seed", Long.toString(experiment.spec().seed()));
        facts.put("git_commit", git("rev-parse", "HEAD"));
        String status = git("status", "--porcelain", "--untracked-files=no");
        facts.put("git_dirty", status.equals("unknown") ? "unknown" : Boolean.toString(!status.isEmpty()));
        facts.put("edgewise_version", version());
        Engine engine = Engine.getInstance();
        facts.put("djl_version", Engine.getDjlVersion());
        facts.put("engine", engine.getEngineName());
        facts.put("engine_version", engine.getVersion());
        facts.put("java_version", System.getProperty("java.version"));
        facts.put("java_vendor", System.getProperty("java.vendor"));
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        facts.put("cpu", cpuModel());
        facts.put("cpu_cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        facts.put("omp_num_threads", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        facts.put("mxnet_engine_type", System.getenv().getOrDefault("MXNET_ENGINE_TYPE", "unset (ThreadedEnginePerDevice)"));
        facts.put("data_source", data.source());
        facts.put("data_fingerprint", data.fingerprint());
        facts.put("command_line", commandLine);
        return facts;
    }

    public static String version() {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: the architecture below still says something.
        }
        return System.getProperty("os.arch");
    }

    private static String git(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return "unknown";
            }
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
