package dev.edgewise.dsl.spec;

/** One weighted term of the loss; its kind is the key it stands under in {@code loss.terms}. */
@Doc("A loss term: its weight, and the settings of its kind.")
@Variants({TaskTermSpec.class, CommunicationTermSpec.class, MsSsimTermSpec.class, PerceptualTermSpec.class,
        ClassificationTermSpec.class})
public interface LossTermSpec {

    /** How much the term counts in the sum. */
    double weight();
}
