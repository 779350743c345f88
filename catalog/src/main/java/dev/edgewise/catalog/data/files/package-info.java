/**
 * The user's own data files ({@code data.source: file}): CSV/TSV time series, IDX files, image
 * folders and NumPy arrays, read into the same {@link dev.edgewise.catalog.data.ImageDataset} as
 * the built-in datasets so every view and family works on them.
 *
 * <p>Every mistake in a file is a {@link dev.edgewise.catalog.data.files.DataFileException} that
 * says where: a CSV's line and column, a binary file's byte, an image's path, or the spec key
 * whose value does not fit the file (a column that does not exist). The engine turns it into a
 * spec problem before anything runs. A dataset's fingerprint is the SHA-256 of the files' contents
 * and the loading options, never of their names, so moving a file keeps it and changing a byte
 * does not; converted data are cached under that fingerprint.
 */
package dev.edgewise.catalog.data.files;
