package dev.edgewise.dsl.builder;

/**
 * Where user code made a builder call: the caller's source file name (as the class file records
 * it, without folders), its line, and the builder member called (a Java method or Kotlin property
 * name such as {@code trainSamples}), so a locator can point at the exact word.
 */
public record CallSite(String file, int line, String member) {

    /**
     * The user's line that led here, skipping builder and {@link FrontEnd} frames: how a front end
     * remembers where something other than a key was declared.
     */
    public static CallSite ofCaller(String member) {
        return CallSites.capture(member);
    }
}
