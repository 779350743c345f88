package dev.edgewise.dsl.spec;

@Doc("Output (largest digit any node saw) / 9; scored by RMSE and by exact decoding (round(9y) is that digit).")
@Variant("max")
public record MaxTaskSpec() implements TaskSpec {}
