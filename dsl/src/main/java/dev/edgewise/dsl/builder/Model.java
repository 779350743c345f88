package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.CrnnModelSpec;
import dev.edgewise.dsl.spec.ModelSpec;
import dev.edgewise.dsl.spec.SplitModelSpec;
import java.util.function.Consumer;

/** The kinds of {@code model:}, for {@link Experiment#model}: {@code .model(Model.crnn(m -> m.features(25)))}. */
public final class Model {

    private Model() {}

    /** {@code kind: crnn}: a CNN extractor feeding a recurrent cell, weights tied across nodes. */
    public static Variant<ModelSpec> crnn(Consumer<Crnn> body) {
        return Variant.of(CrnnModelSpec.class, Crnn::new, body);
    }

    /** {@code kind: split}: a sensor layer stack on every node, a base station stack. */
    public static Variant<ModelSpec> split(Consumer<Split> body) {
        return Variant.of(SplitModelSpec.class, Split::new, body);
    }

    /** The keys of {@code model} kind crnn. */
    public static final class Crnn extends Section<Crnn> {

        Crnn(SpecNode node) {
            super(node, CrnnModelSpec.class);
        }

        /** f_in: features the extractor passes to the cell. */
        public Crnn features(int features) {
            return set("features", features);
        }

        public Crnn extractor(Consumer<Extractor> body) {
            return section("extractor", Extractor::new, body);
        }

        public Crnn cell(Consumer<Cell> body) {
            return section("cell", Cell::new, body);
        }
    }

    /** The keys of {@code model} kind split. */
    public static final class Split extends Section<Split> {

        Split(SpecNode node) {
            super(node, SplitModelSpec.class);
        }

        public Split sensor(Consumer<Sensor> body) {
            return section("sensor", Sensor::new, body);
        }

        public Split base(Consumer<Base> body) {
            return section("base", Base::new, body);
        }
    }
}
