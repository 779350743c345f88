package dev.edgewise.dsl.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a spec section whose keys depend on its kind: an interface whose implementations are
 * records annotated with {@link Variant}. The built-in variants are listed here; plug-ins add
 * theirs with {@link SpecVariants#register}. The binder, the schema, the reference and the
 * builders read this one declaration, so a new section with variants needs nothing else.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Variants {

    /** The built-in variant records. */
    Class<?>[] value();

    /** The kind taken when a file leaves {@code kind:} out; empty: {@code kind:} is required. */
    String defaultKind() default "";
}
