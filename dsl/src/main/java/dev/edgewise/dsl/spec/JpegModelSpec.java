package dev.edgewise.dsl.spec;

@Doc("The JPEG baseline (not learned): the camera compresses each image with the JDK's JPEG encoder at 'quality' (optimised"
        + " Huffman tables) and sends the file in packets of links.payload bytes. A lost packet before the scan data loses the"
        + " image; the first lost scan packet cuts the rest of the image (grey). Measured on the same test images as a codec with"
        + " the same seed and data settings. Exchange kind upward, one camera.")
@Variant("jpeg")
public record JpegModelSpec(
        @Doc("The encoder's quality, from just above 0 (smallest files) to 1.") @Default("0.75") @Range(min = 0.01, max = 1)
        double quality) implements ModelSpec {}
