package dev.edgewise.engine.family.autoencoder;

import dev.edgewise.catalog.Catalog;
import dev.edgewise.engine.Plugin;
import dev.edgewise.engine.family.FamilyRegistry;
import dev.edgewise.engine.task.TaskRegistry;

/**
 * The test family's one registration, found on the classpath through
 * {@code META-INF/services/dev.edgewise.engine.Plugin} by every JVM the tests start.
 */
public final class AutoencoderPlugin implements Plugin {

    @Override
    public void register(Catalog catalog) {
        FamilyRegistry.register(new AutoencoderFamily());
        TaskRegistry.register(PixelsTaskSpec.class, spec -> new PixelsTask());
    }
}
