package dev.edgewise.dsl.spec;


@Doc("Forecast one column of a time series (data.source: taylor or telosb): a window of the last 'window' readings predicts"
        + " the next one. The split is chronological: the last data.holdout of the steps are the test targets. Scored in the"
        + " series' own units by MAE, RMSE and MAPE, beside two baselines on the same test windows: persistence (the next"
        + " value is the last one) and seasonal naive (the value one 'season' earlier). The loss is MSE on values scaled by"
        + " the training part's mean and standard deviation.")
@Variant("forecasting")
public record ForecastingTaskSpec(
        @Doc("The column to forecast (taylor: demand_mw; telosb: mote1_temperature, mote1_humidity, ...). Unset: the first.")
        @Default("~")
        String column,
        @Doc("Past readings one forecast reads.") @Default("48") @Range(min = 1, max = 100_000)
        int window,
        @Doc("Period of the seasonal-naive baseline, in steps: 48 is one day of half-hourly readings (taylor), 336 one week.")
        @Default("48") @Range(min = 1, max = 1_000_000)
        int season) implements TaskSpec {

    public ForecastingTaskSpec {
        if (column != null && column.isBlank()) {
            throw new FieldException("column", "column must name a column of the series", "e.g. column: demand_mw, or leave it out");
        }
    }
}
