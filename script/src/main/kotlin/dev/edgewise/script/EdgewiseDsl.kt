package dev.edgewise.script

/**
 * Scopes of the experiment DSL. Marked so that inside `data { }` only the data keys resolve
 * implicitly: a `nodes = 5` there is a compile error, not a silent write to the enclosing experiment.
 */
@DslMarker
annotation class EdgewiseDsl
