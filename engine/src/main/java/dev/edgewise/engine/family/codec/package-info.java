/**
 * The learned image codec family of the Starfish paper and what it is measured with: MS-SSIM as
 * TensorFlow computes it, a Huffman coder over quantisation bins, and the JPEG baseline with the
 * paper's packet-loss rules.
 *
 * <p>Status: internal; use it through its spec kind.
 */
package dev.edgewise.engine.family.codec;
