package dev.edgewise.dsl.builder;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that forwards user calls to the builder (a Kotlin scope, a script base class).
 * Call sites are looked for beyond such classes, so an error points at the user's line rather
 * than at the forwarding code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FrontEnd {}
