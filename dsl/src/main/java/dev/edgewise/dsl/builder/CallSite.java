package dev.edgewise.dsl.builder;

/**
 * Where user code made a builder call: the caller's source file name (as the class file records
 * it, without folders), its line, and the builder member called (a Java method or Kotlin property
 * name such as {@code trainSamples}), so a locator can point at the exact word.
 */
public record CallSite(String file, int line, String member) {}
