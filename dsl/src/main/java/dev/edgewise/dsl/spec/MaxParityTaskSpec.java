package dev.edgewise.dsl.spec;

@Doc("Output the parity of the largest digit any node saw (0 even, 1 odd); scored by RMSE and by y > 0.5.")
@Variant("max-parity")
public record MaxParityTaskSpec() implements TaskSpec {}
