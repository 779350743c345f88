/**
 * The learned image codec family of the Starfish paper (model kind {@code codec}) and what it is
 * measured against: a Huffman coder over quantisation bins, and the JPEG baseline with the paper's
 * packet-loss rules. MS-SSIM, the measure and the loss, is in the loss package.
 *
 * <p>Status: internal; use it through its spec kind.
 */
package dev.edgewise.engine.family.codec;
