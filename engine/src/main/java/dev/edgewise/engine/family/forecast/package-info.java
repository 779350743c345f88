/**
 * The LSTM forecaster of the LSTM-on-microcontrollers paper (papers/lstm-on-microcontrollers.md):
 * a window of past readings of a registry time series predicts the next one; chronological
 * split; errors in the series' units beside persistence and seasonal-naive baselines on the same
 * test windows; weights stored at 32/16/8/4 bits (PTQ or QAT); the model's device budget; the
 * network split across a chain of devices ({@code model.placement}), what crosses each hop counted,
 * and an energy model per forecast.
 */
package dev.edgewise.engine.family.forecast;
