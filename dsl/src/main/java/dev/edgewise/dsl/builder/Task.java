package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.ClassificationTaskSpec;
import dev.edgewise.dsl.spec.MaxParityTaskSpec;
import dev.edgewise.dsl.spec.MaxTaskSpec;
import dev.edgewise.dsl.spec.TaskSpec;

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

    /** The built-in tasks have no keys but their kind. */
    static final class None extends Section<None> {

        None(SpecNode node) {
            super(node, null);
        }
    }
}
