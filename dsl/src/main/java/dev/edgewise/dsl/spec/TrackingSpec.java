package dev.edgewise.dsl.spec;

@Doc("Where runs are recorded besides the local run store.")
public record TrackingSpec(
        @Doc("MLflow experiment name; defaults to the experiment's name.") @Default("~")
        String experiment,
        @Doc("Log to MLflow (a server at MLFLOW_TRACKING_URI, else the file store ./mlruns).") @Default("true")
        boolean mlflow) {}
