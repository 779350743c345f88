package dev.edgewise.dsl.spec;

/**
 * Packet links over a physical radio whose time on air and energy are known: runs over such links
 * also log airtime, transmit energy and the time the duty cycle imposes, per sample.
 */
public interface RadioLinksSpec extends PacketisedLinksSpec {}
