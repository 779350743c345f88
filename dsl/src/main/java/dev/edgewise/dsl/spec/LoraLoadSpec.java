package dev.edgewise.dsl.spec;

/** The network a LoRa link shares with other nodes, whose collisions give the link's packet loss. */
@Doc("The network a LoRa link shares: 'nodes' nodes (this one among them) send packets like this link's to one gateway,"
        + " each every 'interval' seconds on average, with this link's settings, for 'hours' (LoRaSim's model: nodes uniform in"
        + " the disk the settings reach, Poisson sends, collisions with capture, 8 demodulators). The link then loses each packet"
        + " with the simulated network's loss rate, 1 - delivered / sent, in training (if in_training) and at test.")
public record LoraLoadSpec(
        @Doc("Nodes sending to the gateway, this one among them.") @Range(min = 1, max = 1_000_000)
        int nodes,
        @Doc("Mean seconds between one node's packets (exponential waits).") @Range(min = 0.001, max = 1e9)
        double interval,
        @Doc("Simulated hours.") @Default("1.0") @Range(min = 0.001, max = 10_000)
        double hours,
        @Doc("Seed of the simulation (placement and send times); fixed apart from the experiment's seed so the loss rate"
                + " stays the same across seeds and sweep points.")
        @Default("1") @Range(min = 0)
        long seed) {}
