package dev.edgewise.dsl.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name a variant record answers to: the value of {@code kind:} that selects it (or, in a
 * map of variants such as {@code loss.terms}, the key it stands under).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Variant {
    String value();
}
