package dev.edgewise.dsl.spec;

import java.util.Objects;

/**
 * Which deep-learning engine computes the run. The engine decides the bits (its kernels sum in
 * their own order), so it is part of the spec and of the run cache's key; MXNet is the default and
 * a spec that names it is the same spec as one that leaves it out (see {@link ExperimentSpec}).
 */
@Doc("How the run is computed: which deep-learning engine trains and evaluates the model.")
public record RuntimeSpec(
        @Doc("The DJL engine: mxnet (MXNet 1.9, the default) or pytorch (libtorch 2.7). Both ship their native"
                + " libraries in Maven Central jars; nothing is downloaded at run time. Results are bit for bit only"
                + " for the same engine and native thread count.")
        @Default("mxnet")
        Engine engine) {

    /** What a spec without a {@code runtime} block computes with. */
    public static final RuntimeSpec DEFAULT = new RuntimeSpec(Engine.MXNET);

    public RuntimeSpec {
        Objects.requireNonNull(engine, "engine");
    }

    /** The spec's {@code runtime}, or the default when it has none. */
    public static RuntimeSpec of(ExperimentSpec spec) {
        return spec.runtime() != null ? spec.runtime() : DEFAULT;
    }

    public enum Engine implements SpecEnum {
        MXNET("MXNet"),
        PYTORCH("PyTorch");

        private final String djlName;

        Engine(String djlName) {
            this.djlName = djlName;
        }

        /** The name DJL registers the engine under. */
        public String djlName() {
            return djlName;
        }
    }
}
