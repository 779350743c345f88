/**
 * Loss terms as named plug-ins ({@code task}, {@code communication}, ...), weighted from the spec
 * and summed by one {@link dev.edgewise.engine.loss.WeightedLoss}; terms read the forward pass's
 * outputs by name ({@link dev.edgewise.engine.loss.Outputs}). MS-SSIM lives here twice: as the
 * reference measure in double precision and as a trainable term built from engine ops.
 *
 * <p>Status: public SPI ({@code LossTerm}, {@code LossTerms.register}), experimental.
 */
package dev.edgewise.engine.loss;
