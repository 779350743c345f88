/**
 * Tasks as plug-ins: what a network must learn (targets, the task's own loss, scoring), apart
 * from how the network is built. {@link dev.edgewise.engine.task.TaskRegistry} maps spec variants to tasks.
 *
 * <p>Status: public SPI ({@code Task}, {@code TaskRegistry.register}), experimental.
 */
package dev.edgewise.engine.task;
