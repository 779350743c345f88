package dev.edgewise.engine.run;

import ai.djl.engine.Engine;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.RuntimeSpec;

/**
 * Chooses the DJL engine a run computes with ({@code runtime.engine}), before the run creates any
 * model, manager or random seed. Model code stays engine-neutral: every block, the trainer and the
 * plug-ins ask DJL for its default engine ({@code Engine.getInstance()}, {@code Model.newInstance}),
 * and DJL reads that default from the {@value #DEFAULT_ENGINE} property on every call.
 *
 * <p>Both engines' native libraries come in Maven Central jars on the classpath; DJL extracts them
 * into its cache. {@value #OFFLINE} makes DJL fail rather than download anything when a native
 * library is missing, so a run never depends on a host this machine cannot reach.
 */
public final class Engines {

    static final String DEFAULT_ENGINE = "ai.djl.default_engine";
    static final String OFFLINE = "ai.djl.offline";
    /** PyTorch sizes its pools from these when the engine first loads; later changes are ignored. */
    static final String TORCH_THREADS = "ai.djl.pytorch.num_threads";
    static final String TORCH_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

    private Engines() {}

    /**
     * For a process that has not chosen yet: MXNet, the spec's default, and no downloads. With two
     * engines on the classpath DJL would otherwise pick one by its own rank (PyTorch's wins), and
     * every result recorded on MXNet would change.
     */
    public static void defaults() {
        if (System.getProperty(DEFAULT_ENGINE) == null) {
            System.setProperty(DEFAULT_ENGINE, RuntimeSpec.Engine.MXNET.djlName());
        }
        if (System.getProperty(OFFLINE) == null) {
            System.setProperty(OFFLINE, "true");
        }
    }

    /**
     * Makes {@code spec}'s engine DJL's default in this JVM and sizes PyTorch's pools like MXNet's
     * (one thread each unless OMP_NUM_THREADS says otherwise: the thread count is part of what
     * makes a result bit for bit). Returns the engine, loaded; a missing native library is an error
     * that names the engine.
     */
    public static Engine use(ExperimentSpec spec) {
        RuntimeSpec.Engine engine = RuntimeSpec.of(spec).engine();
        defaults();
        if (engine == RuntimeSpec.Engine.PYTORCH) {
            String threads = String.valueOf(nativeThreads());
            if (System.getProperty(TORCH_THREADS) == null) {
                System.setProperty(TORCH_THREADS, threads);
            }
            if (System.getProperty(TORCH_INTEROP_THREADS) == null) {
                System.setProperty(TORCH_INTEROP_THREADS, threads);
            }
        }
        System.setProperty(DEFAULT_ENGINE, engine.djlName());
        try {
            Engine loaded = Engine.getEngine(engine.djlName());
            if (engine == RuntimeSpec.Engine.PYTORCH) {
                TorchZeroFill.enable();
            }
            return loaded;
        } catch (RuntimeException e) {
            throw new IllegalStateException("runtime.engine " + engine.yamlName() + ": DJL cannot load the " + engine.djlName()
                    + " engine (" + e.getMessage() + "); its native jar must be on the classpath (engine/target/lib)", e);
        }
    }

    /** The engine's own thread settings as recorded in provenance; MXNet's are OMP_NUM_THREADS and MKL_NUM_THREADS. */
    static String threadSettings(String engineName) {
        if (RuntimeSpec.Engine.PYTORCH.djlName().equals(engineName)) {
            return "intra-op " + System.getProperty(TORCH_THREADS, "default") + ", inter-op "
                    + System.getProperty(TORCH_INTEROP_THREADS, "default") + ", allocations zero-filled";
        }
        return "OMP_NUM_THREADS, MKL_NUM_THREADS";
    }

    private static int nativeThreads() {
        try {
            return Math.max(1, Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "1").trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
