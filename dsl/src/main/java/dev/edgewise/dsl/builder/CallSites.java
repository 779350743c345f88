package dev.edgewise.dsl.builder;

import java.util.Optional;

/** Finds the user's line that called into the builder. */
final class CallSites {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** Frames of these packages are plumbing between the user's line and the builder (a forEach, a Kotlin let). */
    private static final String[] PLUMBING = {"java.", "jdk.", "sun.", "kotlin."};

    private CallSites() {}

    static CallSite capture(String member) {
        Optional<StackWalker.StackFrame> caller = WALKER.walk(frames -> frames.filter(f -> !plumbing(f)).findFirst());
        return caller
                .map(f -> new CallSite(f.getFileName() != null ? f.getFileName() : f.getClassName(), Math.max(1, f.getLineNumber()), member))
                .orElseGet(() -> new CallSite("<builder>", 1, member));
    }

    private static boolean plumbing(StackWalker.StackFrame frame) {
        Class<?> type = frame.getDeclaringClass();
        if (Section.class.isAssignableFrom(type) || type == CallSites.class || type == CallSite.class || type.isAnnotationPresent(FrontEnd.class)) {
            return true;
        }
        String name = frame.getClassName();
        for (String prefix : PLUMBING) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
