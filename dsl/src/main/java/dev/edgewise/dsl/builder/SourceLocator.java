package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.SourcePosition;

/**
 * Turns a call site into the position a spec problem is reported at. A front end that has the
 * source text (the Kotlin script host) can find the column; plain Java cannot, so
 * {@link #LINE_ONLY} reports column 1.
 */
@FunctionalInterface
public interface SourceLocator {

    SourcePosition locate(CallSite site);

    SourceLocator LINE_ONLY = site -> new SourcePosition(site.file(), site.line(), 1);
}
