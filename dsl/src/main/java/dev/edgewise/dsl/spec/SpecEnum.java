package dev.edgewise.dsl.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Enums of the spec are written in YAML in lower case with hyphens ({@code max-parity}). */
public interface SpecEnum {

    String name();

    @JsonValue
    default String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
