package dev.edgewise.engine.train;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent, named random streams derived from the experiment's seed. Each kind of draw (data
 * split, sample draws, weight init, link failures) has its own stream, so changing how often one
 * is drawn from never shifts another.
 */
public final class Seeds {

    private final long master;

    public Seeds(long master) {
        this.master = master;
    }

    /** A seed for {@code stream}, stable across JVMs and platforms. */
    public long derive(String stream) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64 over the stream name
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(master ^ mix(h));
    }

    public SplittableRandom stream(String stream) {
        return new SplittableRandom(derive(stream));
    }

    /** Stafford's mix13 finalizer (as used by SplittableRandom): spreads nearby seeds apart. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
