package dev.edgewise.engine.loss;

import dev.edgewise.dsl.spec.ClassificationTermSpec;
import dev.edgewise.dsl.spec.CommunicationTermSpec;
import dev.edgewise.dsl.spec.LossSpec;
import dev.edgewise.dsl.spec.LossTermSpec;
import dev.edgewise.dsl.spec.MsSsimTermSpec;
import dev.edgewise.dsl.spec.PerceptualTermSpec;
import dev.edgewise.dsl.spec.SpecVariants;
import dev.edgewise.dsl.spec.TaskTermSpec;
import dev.edgewise.engine.task.Task;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Loss terms by their spec record: the built-ins (task, communication) and any a plug-in
 * registers with its spec variant; and the weighted loss a spec asks for.
 */
public final class LossTerms {

    /** The term every loss has, summed first. */
    public static final String TASK = "task";

    private static final Map<String, BiFunction<LossTermSpec, Task, LossTerm>> TERMS = new LinkedHashMap<>();

    static {
        TERMS.put(TaskTermSpec.class.getName(), (spec, task) -> new TaskTerm(task));
        TERMS.put(CommunicationTermSpec.class.getName(), (spec, task) -> new CommunicationTerm((CommunicationTermSpec) spec));
        TERMS.put(MsSsimTermSpec.class.getName(), (spec, task) -> new MsSsimTerm(task));
        TERMS.put(PerceptualTermSpec.class.getName(), (spec, task) -> new PerceptualTerm());
        TERMS.put(ClassificationTermSpec.class.getName(), (spec, task) -> new ClassificationTerm());
    }

    private LossTerms() {}

    /**
     * The loss of {@code spec} for {@code task}: the task term first (a term the spec leaves out
     * is not there; without a task term the task is not learned), then the others by name.
     */
    public static synchronized WeightedLoss of(LossSpec spec, Task task) {
        Map<String, LossTerm> terms = new LinkedHashMap<>();
        Map<String, Float> weights = new LinkedHashMap<>();
        if (spec.terms().containsKey(TASK)) {
            weights.put(TASK, (float) spec.weight(TASK));
        }
        spec.terms().forEach((name, term) -> weights.putIfAbsent(name, (float) term.weight()));
        for (String name : weights.keySet()) {
            LossTermSpec term = spec.terms().get(name);
            BiFunction<LossTermSpec, Task, LossTerm> factory = TERMS.get(term.getClass().getName());
            if (factory == null) {
                throw new IllegalArgumentException("no loss term is registered for '" + name + "'");
            }
            terms.put(name, factory.apply(term, task));
        }
        return new WeightedLoss(terms, weights);
    }

    /**
     * Adds a loss term for a spec variant (its {@code @Variant} name is the key under
     * {@code loss.terms}), and the variant to the spec. A family offers it by listing the name.
     */
    @SuppressWarnings("unchecked")
    public static synchronized <S extends LossTermSpec> void register(Class<S> spec, BiFunction<S, Task, LossTerm> factory) {
        Objects.requireNonNull(factory, "factory");
        SpecVariants.register(LossTermSpec.class, spec);
        TERMS.put(spec.getName(), (s, task) -> factory.apply((S) s, task));
    }
}
