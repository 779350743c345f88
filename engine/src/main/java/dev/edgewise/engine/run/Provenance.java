package dev.edgewise.engine.run;

import ai.djl.engine.Engine;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.engine.cache.CodeFingerprint;
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
        facts.putAll(environment());
        facts.put("data_source", data.source());
        facts.put("data_fingerprint", data.fingerprint());
        facts.put("command_line", commandLine);
        return facts;
    }

    /** The code, libraries, machine and threads a run executes with: every fact but the spec's and the data's. */
    public static Map<String, String> environment() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("git_commit", git("rev-parse", "HEAD"));
        String status = git("status", "--porcelain", "--untracked-files=no");
        facts.put("git_dirty", status.equals("unknown") ? "unknown" : Boolean.toString(!status.isEmpty()));
        facts.put("edgewise_version", version());
        Engine engine = Engine.getInstance();
        facts.put("djl_version", Engine.getDjlVersion());
        facts.put("engine", engine.getEngineName());
        facts.put("engine_version", engine.getVersion());
        facts.put("native_library", nativeLibrary(engine.getEngineName()));
        facts.put("code_fingerprint", CodeFingerprint.current());
        facts.put("java_version", System.getProperty("java.version"));
        facts.put("java_vendor", System.getProperty("java.vendor"));
        facts.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        facts.put("cpu", cpuModel());
        // What the JVM may use: all cores, or the count a sweep job was pinned to (-XX:ActiveProcessorCount).
        facts.put("cpu_cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        // The native engine's OpenMP/MKL pools size themselves from these when the library loads;
        // a different count changes the order of float sums, so it is part of what makes a result.
        facts.put("omp_num_threads", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        facts.put("mkl_num_threads", System.getenv().getOrDefault("MKL_NUM_THREADS", "unset"));
        // The engine type decides the order ops run in, so it belongs to the result too.
        facts.put("mxnet_engine_type", System.getenv().getOrDefault("MXNET_ENGINE_TYPE", "unset (ThreadedEnginePerDevice)"));
        return facts;
    }

    /**
     * The native library DJL loaded, from the properties file its native jar ships
     * ({@code native/lib/mxnet.properties}: version and build flavour), e.g. {@code 1.9.1-20220812 mkl-linux-x86_64}.
     */
    static String nativeLibrary(String engineName) {
        String resource = "native/lib/" + engineName.toLowerCase(java.util.Locale.ROOT) + ".properties";
        try (var in = Provenance.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return (properties.getProperty("version", "unknown") + " " + properties.getProperty("classifier", "")).trim();
        } catch (IOException e) {
            return "unknown";
        }
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
