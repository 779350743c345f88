package dev.edgewise.dsl.builder;

import dev.edgewise.dsl.spec.TaskSpec;

/** {@code task:} what the network must learn. */
public final class Task extends Section<Task> {

    Task(SpecNode node) {
        super(node, TaskSpec.class);
    }

    public Task kind(TaskSpec.Kind kind) {
        return set("kind", kind);
    }
}
