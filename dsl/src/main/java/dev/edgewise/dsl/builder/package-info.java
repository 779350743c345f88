/**
 * The Java builder: experiments as code that bind through the same binder as YAML, so defaults,
 * checks and messages are the same and errors name the calling line.
 *
 * <p>Status: public API ({@code Experiment.named(..)} is the entry point).
 */
package dev.edgewise.dsl.builder;
