package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.ClassificationTaskSpec;
import dev.edgewise.dsl.spec.ReconstructionTaskSpec;
import dev.edgewise.dsl.spec.MaxParityTaskSpec;
import dev.edgewise.dsl.spec.MaxTaskSpec;
import dev.edgewise.dsl.spec.TaskSpec;
import java.util.function.Consumer;

/** The kinds of {@code task:}, for {@link Experiment#task}: {@code .task(Task.maxParity())}. */
public final class Task {

    private Task() {}

    public static Variant<TaskSpec> max() {
        return Variant.of(MaxTaskSpec.class, None::new, none -> {});
    }

    public static Variant<TaskSpec> maxParity() {
        return Variant.of(MaxParityTaskSpec.class, None::new, none -> {});
    }

    public static Variant<TaskSpec> classification() {
        return Variant.of(ClassificationTaskSpec.class, None::new, none -> {});
    }

    /** {@code kind: reconstruction}: reproduce the input image, scored by MSE, PSNR and MS-SSIM. */
    public static Variant<TaskSpec> reconstruction(Consumer<Reconstruction> body) {
        return Variant.of(ReconstructionTaskSpec.class, Reconstruction::new, body);
    }

    /** {@code kind: forecasting}: the next value of a time series from a window of past readings. */
    public static Variant<TaskSpec> forecasting(Consumer<Forecasting> body) {
        return Variant.of(dev.edgewise.dsl.spec.ForecastingTaskSpec.class, Forecasting::new, body);
    }

    /** The keys of task kind forecasting. */
    public static final class Forecasting extends Section<Forecasting> {

        Forecasting(SpecNode node) {
            super(node, dev.edgewise.dsl.spec.ForecastingTaskSpec.class);
        }

        /** The column to forecast; unset: the first. */
        public Forecasting column(String column) {
            return set("column", column);
        }

        /** Past readings one forecast reads. */
        public Forecasting window(int steps) {
            return set("window", steps);
        }

        /** Period of the seasonal-naive baseline, in steps. */
        public Forecasting season(int steps) {
            return set("season", steps);
        }
    }

    /** The keys of task kind reconstruction. */
    public static final class Reconstruction extends Section<Reconstruction> {

        Reconstruction(SpecNode node) {
            super(node, ReconstructionTaskSpec.class);
        }

        /** MS-SSIM scales, 1 to 5. */
        public Reconstruction msssimScales(int scales) {
            return set("msssim_scales", scales);
        }

        /** Side of MS-SSIM's Gaussian window in pixels. */
        public Reconstruction msssimWindow(int pixels) {
            return set("msssim_window", pixels);
        }
    }

    /** The other built-in tasks have no keys but their kind. */
    static final class None extends Section<None> {

        None(SpecNode node) {
            super(node, null);
        }
    }
}
