package dev.edgewise.dsl.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A section chosen by its {@code kind:} key. The kind is written first in the canonical spec, so
 * two variants with the same keys never hash alike.
 */
@JsonPropertyOrder({"kind"})
public interface VariantSpec {

    /** The value of {@code kind:} that selects this variant. */
    @JsonProperty("kind")
    default String kind() {
        return SpecVariants.kindOf(getClass());
    }
}
