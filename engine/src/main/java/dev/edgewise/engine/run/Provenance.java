package dev.edgewise.engine.run;

import ai.djl.engine.Engine;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.engine.cache.CodeFingerprint;
import dev.edgewise.engine.track.RunProvenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds out what is producing a run in this JVM: the spec's, code's, machine's and data's facts that
 * {@link RunProvenance} holds. Everything that reads provenance back reads the record, not this.
 */
public final class Provenance {

    private Provenance() {}

    public static RunProvenance collect(CompiledExperiment experiment, ImageDataset data, String commandLine) {
        return RunProvenance.of(new RunProvenance.SpecFacts(experiment.specHash(), experiment.spec().seed()), code(), environment(),
                new RunProvenance.DataFacts(data.source(), data.fingerprint()), commandLine);
    }

    /** For a run that loads no data itself: a sweep's parent, whose points each record their own. */
    public static RunProvenance withoutData(String specHash, long seed, String commandLine) {
        return RunProvenance.of(new RunProvenance.SpecFacts(specHash, seed), code(), environment(), null, commandLine);
    }

    private static RunProvenance.CodeFacts code() {
        String commit = git("rev-parse", "HEAD");
        String status = git("status", "--porcelain", "--untracked-files=no");
        Engine engine = Engine.getInstance();
        return new RunProvenance.CodeFacts(commit, status == null ? null : !status.isEmpty(), version(), Engine.getDjlVersion(),
                engine.getEngineName(), engine.getVersion(), nativeLibrary(engine.getEngineName()), CodeFingerprint.current());
    }

    private static RunProvenance.EnvironmentFacts environment() {
        return new RunProvenance.EnvironmentFacts(System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                cpuModel(),
                // What the JVM may use: all cores, or the count a sweep job was pinned to (-XX:ActiveProcessorCount).
                Runtime.getRuntime().availableProcessors(),
                // The native engine's OpenMP/MKL pools size themselves from these when the library loads;
                // a different count changes the order of float sums, so it is part of what makes a result.
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"),
                System.getenv().getOrDefault("MKL_NUM_THREADS", "unset"),
                // The engine type decides the order ops run in, so it belongs to the result too.
                System.getenv().getOrDefault("MXNET_ENGINE_TYPE", "unset (ThreadedEnginePerDevice)"),
                Engines.threadSettings(Engine.getInstance().getEngineName()));
    }

    /**
     * The native library DJL loaded, from the properties file its native jar ships
     * ({@code native/lib/mxnet.properties}: version and build flavour), e.g. {@code 1.9.1-20220812 mkl-linux-x86_64}.
     */
    static String nativeLibrary(String engineName) {
        String resource = "native/lib/" + engineName.toLowerCase(java.util.Locale.ROOT) + ".properties";
        try (var in = Provenance.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return (properties.getProperty("version", "unknown") + " " + properties.getProperty("classifier", "")).trim();
        } catch (IOException e) {
            return null;
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

    /** The command's output, or null when git is missing, fails or hangs. */
    private static String git(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
