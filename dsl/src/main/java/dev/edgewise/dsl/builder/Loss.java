package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.ClassificationTermSpec;
import dev.edgewise.dsl.spec.CommunicationTermSpec;
import dev.edgewise.dsl.spec.MsSsimTermSpec;
import dev.edgewise.dsl.spec.LossSpec;
import dev.edgewise.dsl.spec.LossTermSpec;
import dev.edgewise.dsl.spec.PerceptualTermSpec;
import dev.edgewise.dsl.spec.TaskTermSpec;
import java.util.function.Consumer;

/**
 * {@code loss:} a weighted sum of named terms. Naming any term replaces the default terms, as a
 * YAML {@code terms:} mapping would: a term left out is not in the loss.
 */
public final class Loss extends Section<Loss> {

    Loss(SpecNode node) {
        super(node, LossSpec.class);
    }

    /** {@code terms.task}: the task's own loss at {@code weight}. */
    public Loss task(double weight) {
        return term(Variant.of(TaskTermSpec.class, Task::new, task -> task.weight(weight)));
    }

    /** {@code terms.task} with its keys set in {@code body}. */
    public Loss task(Consumer<Task> body) {
        return term(Variant.of(TaskTermSpec.class, Task::new, body));
    }

    /** {@code terms.communication}: the penalty on the fraction of slots that transmit. */
    public Loss communication(Consumer<Communication> body) {
        return term(Variant.of(CommunicationTermSpec.class, Communication::new, body));
    }

    /** {@code terms.msssim}: 1 - MS-SSIM of the decoded image, at {@code weight}. */
    public Loss msssim(double weight) {
        return msssim(term -> term.weight(weight));
    }

    /** {@code terms.msssim} with its keys set in {@code body}. */
    public Loss msssim(Consumer<MsSsim> body) {
        return term(Variant.of(MsSsimTermSpec.class, MsSsim::new, body));
    }

    /** {@code terms.perceptual}: the frozen classifier's feature distance, decoded against original, at {@code weight}. */
    public Loss perceptual(double weight) {
        return perceptual(term -> term.weight(weight));
    }

    /** {@code terms.perceptual} with its keys set in {@code body}. */
    public Loss perceptual(Consumer<Perceptual> body) {
        return term(Variant.of(PerceptualTermSpec.class, Perceptual::new, body));
    }

    /** {@code terms.classification}: the frozen classifier's cross-entropy on the decoded image, at {@code weight}. */
    public Loss classification(double weight) {
        return classification(term -> term.weight(weight));
    }

    /** {@code terms.classification} with its keys set in {@code body}. */
    public Loss classification(Consumer<Classification> body) {
        return term(Variant.of(ClassificationTermSpec.class, Classification::new, body));
    }

    /** A term under its kind, e.g. a plug-in's: {@code term(Variant.of(LossTermSpec.class, "mine", s -> s.set("weight", 1.0)))}. */
    public Loss term(Variant<LossTermSpec> term) {
        return variant("terms", term, true);
    }

    /** The keys of the task term. */
    public static final class Task extends Section<Task> {

        Task(SpecNode node) {
            super(node, TaskTermSpec.class);
        }

        public Task weight(double weight) {
            return set("weight", weight);
        }
    }

    /** The keys of the communication term. */
    public static final class Communication extends Section<Communication> {

        Communication(SpecNode node) {
            super(node, CommunicationTermSpec.class);
        }

        /** Weight of the term at full strength. */
        public Communication weight(double weight) {
            return set("weight", weight);
        }

        /** Target fraction of (node, round) slots that transmit. */
        public Communication budget(double fraction) {
            return set("budget", fraction);
        }

        /** Temperature of the sigmoid whose gradient the hard count borrows. */
        public Communication temperature(double temperature) {
            return set("temperature", temperature);
        }

        /** First epoch in which the term counts. */
        public Communication start(int epoch) {
            return set("start", epoch);
        }

        /** Epochs over which the weight rises to full. */
        public Communication ramp(int epochs) {
            return set("ramp", epochs);
        }
    }

    /** The keys of the msssim term. */
    public static final class MsSsim extends Section<MsSsim> {

        MsSsim(SpecNode node) {
            super(node, MsSsimTermSpec.class);
        }

        public MsSsim weight(double weight) {
            return set("weight", weight);
        }
    }

    /** The keys of the perceptual term. */
    public static final class Perceptual extends Section<Perceptual> {

        Perceptual(SpecNode node) {
            super(node, PerceptualTermSpec.class);
        }

        public Perceptual weight(double weight) {
            return set("weight", weight);
        }
    }

    /** The keys of the classification term. */
    public static final class Classification extends Section<Classification> {

        Classification(SpecNode node) {
            super(node, ClassificationTermSpec.class);
        }

        public Classification weight(double weight) {
            return set("weight", weight);
        }
    }
}
