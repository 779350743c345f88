package dev.edgewise.engine.task;

import dev.edgewise.dsl.spec.SpecVariants;
import dev.edgewise.dsl.spec.TaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Tasks by their spec record: the built-ins, and any a plug-in registers together with its spec
 * variant. One registry for the JVM, like the spec variants it mirrors.
 */
public final class TaskRegistry {

    private static final Map<String, Function<TaskSpec, Task>> TASKS = new LinkedHashMap<>();

    static {
        TASKS.put(dev.edgewise.dsl.spec.MaxTaskSpec.class.getName(), spec -> new MaxTask());
        TASKS.put(dev.edgewise.dsl.spec.MaxParityTaskSpec.class.getName(), spec -> new MaxParityTask());
        TASKS.put(dev.edgewise.dsl.spec.ClassificationTaskSpec.class.getName(), spec -> new ClassificationTask());
        TASKS.put(dev.edgewise.dsl.spec.ReconstructionTaskSpec.class.getName(),
                spec -> new ReconstructionTask((dev.edgewise.dsl.spec.ReconstructionTaskSpec) spec));
        TASKS.put(dev.edgewise.dsl.spec.ForecastingTaskSpec.class.getName(),
                spec -> new ForecastingTask((dev.edgewise.dsl.spec.ForecastingTaskSpec) spec));
    }

    private TaskRegistry() {}

    /** The task a spec names. */
    public static synchronized Task of(TaskSpec spec) {
        Function<TaskSpec, Task> factory = TASKS.get(spec.getClass().getName());
        if (factory == null) {
            throw new IllegalArgumentException("no task is registered for task kind '" + spec.kind() + "'");
        }
        return factory.apply(spec);
    }

    /**
     * Adds a task for a spec variant, and the variant to the spec so files can name its kind.
     * Registering again from the same record (a script loaded twice) replaces the factory.
     */
    @SuppressWarnings("unchecked")
    public static synchronized <S extends TaskSpec> void register(Class<S> spec, Function<S, Task> factory) {
        Objects.requireNonNull(factory, "factory");
        SpecVariants.register(TaskSpec.class, spec);
        TASKS.put(spec.getName(), s -> factory.apply((S) s));
    }
}
