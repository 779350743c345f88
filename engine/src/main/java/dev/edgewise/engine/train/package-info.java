/**
 * What every family trains with: the one training loop and evaluation loop, named seed streams,
 * the link channel every transmission goes through, the one byte accountant, sample drawing and
 * weight quantization.
 *
 * <p>Status: public for families ({@code TrainingLoop}, {@code EvaluationLoop}, {@code LinkChannel},
 * {@code Traffic}, {@code Seeds}); experimental.
 */
package dev.edgewise.engine.train;
