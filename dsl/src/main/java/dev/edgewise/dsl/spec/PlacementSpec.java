package dev.edgewise.dsl.spec;

import java.util.Objects;

@Doc("Which device a role runs on, and whether it also trains there.")
public record PlacementSpec(
        @Doc("A preset (esp32, nrf52840, stm32f4, k210) or a name defined under devices.catalogue.")
        String device,
        @Doc("true: the role is trained on the device by backpropagation through time, so its RAM must also hold float32 master"
                + " weights, gradients, the optimizer's state (sgd: none; sgd with momentum: 1x; adam: 2x the weights) and every"
                + " step's activations of a window.")
        @Default("false")
        boolean training) {

    public PlacementSpec {
        Objects.requireNonNull(device, "device");
    }
}
