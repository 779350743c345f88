package dev.edgewise.dsl.spec;

@Doc("A device's memory (and, optionally, energy) budget, in KiB (1,024 bytes).")
public record DeviceSpec(
        @Doc("Total on-chip SRAM, KiB (reported; the check uses heap_kb).") @Range(min = 1, max = 1_000_000_000)
        int sramKb,
        @Doc("The RAM a model may use (heap left after the firmware, stacks and radio), KiB.") @Range(min = 1, max = 1_000_000_000)
        int heapKb,
        @Doc("Flash for the weights, KiB.") @Range(min = 1, max = 1_000_000_000)
        int flashKb,
        @Doc("Energy per multiply-accumulate, nanojoules (for the energy model; unset: not modelled).") @Default("~") @Range(min = 0)
        Double macNj,
        @Doc("Radio energy per byte sent, nanojoules (for the energy model; unset: not modelled).") @Default("~") @Range(min = 0)
        Double radioNjPerByte) {

    public DeviceSpec {
        if (heapKb > sramKb) {
            throw new FieldException("heap_kb", "heap_kb " + heapKb + " is more than sram_kb " + sramKb, "the heap is part of the SRAM");
        }
    }

    public long heapBytes() {
        return heapKb * 1024L;
    }

    public long flashBytes() {
        return flashKb * 1024L;
    }
}
