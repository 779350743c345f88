/**
 * Device budgets for every family: presets and inline devices, what a role's model needs (weights
 * in flash at their storage precision; activations and buffers in RAM; for on-device training also
 * float32 master weights, gradients, optimizer state and the activations backpropagation through
 * time keeps), and the check that runs in {@code validate} and {@code inspect} before anything
 * trains. A family takes part by implementing {@link dev.edgewise.engine.device.Budgeted}.
 */
package dev.edgewise.engine.device;
