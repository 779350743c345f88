/**
 * LoRa radio physics for link models and network experiments: time on air by Semtech's formula,
 * transmit energy from a current table, the gateway sensitivities LoRaSim measured, and an
 * event-driven simulation of many nodes sending to one gateway in the model of LoRaSim (Bor et
 * al., MSWiM 2016), deterministic per seed.
 *
 * <p>Status: {@code LoraSettings}, {@code LoraEnergy} and {@code LoraNetwork} are public API,
 * experimental.
 */
package dev.edgewise.catalog.lora;
