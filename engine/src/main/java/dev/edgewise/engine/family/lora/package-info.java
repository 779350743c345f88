/**
 * The {@code lora-network} family: a LoRa link or a whole LoRa network with no learned model, for
 * questions about the radio alone (time on air, energy, the duty cycle, collisions at a gateway).
 * Built on {@code catalog.lora}; experimental.
 */
package dev.edgewise.engine.family.lora;
