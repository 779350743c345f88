package dev.edgewise.catalog.data;

import dev.edgewise.dsl.Names;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Datasets by the name a spec uses. Open: projects register their own loaders next to the
 * built-in {@code mnist}. Thread-safe, so registration at start-up and loads from parallel runs
 * can mix.
 */
public final class DatasetRegistry {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final Map<String, Function<DataCache, ImageDataset>> loaders = new TreeMap<>();

    /** A registry holding the built-in datasets. */
    public DatasetRegistry() {
        register(MnistNpm.NAME, MnistNpm::load);
        register(WeatherNpm.NAME, WeatherNpm::load);
        register(FashionMnistDeb.NAME, FashionMnistDeb::load);
        register(FoodNpm.NAME, FoodNpm::load);
        register(NoData.NAME, NoData::load);
        register(TaylorDeb.NAME, cache -> SeriesDatasets.items(TaylorDeb.load(cache)));
        register(TelosbNpm.NAME, cache -> SeriesDatasets.items(TelosbNpm.load(cache)));
    }

    /**
     * Adds a dataset. Names are lower-case ({@code [a-z0-9][a-z0-9._-]*}) so spec files have one
     * spelling; a name cannot be registered twice, so a plug-in cannot silently swap the data
     * behind a reference result.
     */
    public synchronized DatasetRegistry register(String name, Function<DataCache, ImageDataset> loader) {
        Objects.requireNonNull(loader, "loader");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("dataset name must match " + NAME + ", got '" + name + "'");
        }
        if (name.equals(dev.edgewise.dsl.spec.DataSpec.FILE)) {
            throw new IllegalArgumentException("dataset name 'file' is taken: it means the user's own files (data.file)");
        }
        if (loaders.containsKey(name)) {
            throw new IllegalArgumentException("dataset '" + name + "' is already registered");
        }
        loaders.put(name, loader);
        return this;
    }

    /** Loads the named dataset; an unknown name is a {@link DataException} naming the known ones. */
    public ImageDataset load(String name, DataCache cache) {
        Function<DataCache, ImageDataset> loader;
        synchronized (this) {
            loader = loaders.get(name);
        }
        if (loader == null) {
            Set<String> known = names();
            String suggestion = Optional.ofNullable(Names.nearest(String.valueOf(name), known))
                    .map(n -> "did you mean '" + n + "'? ")
                    .orElse("");
            throw new DataException("unknown dataset '" + name + "'",
                    suggestion + "known datasets: " + String.join(", ", known));
        }
        return loader.apply(cache);
    }

    /**
     * The data a spec's {@code data} section names: the user's files for {@code source: file}
     * (see {@link dev.edgewise.catalog.data.files.UserData}), else the registered dataset.
     */
    public ImageDataset load(dev.edgewise.dsl.spec.DataSpec data, DataCache cache) {
        return data.file() != null ? dev.edgewise.catalog.data.files.UserData.load(data, cache) : load(data.source(), cache);
    }

    /** Registered names, sorted. */
    public synchronized Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(loaders.keySet()));
    }
}
