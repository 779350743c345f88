package dev.edgewise.dsl.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a key takes when the file leaves it out, written as YAML (so {@code "[50, 8]"} or
 * {@code "~"} for "absent"). Defaults are data, read by the binder, the schema and the builder
 * alike, so there is one place where a default lives.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
    String value();
}
