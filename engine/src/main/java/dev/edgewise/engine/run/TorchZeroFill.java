package dev.edgewise.engine.run;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Makes libtorch zero every CPU allocation, so the PyTorch engine never computes with memory
 * nobody wrote.
 *
 * <p>Why: libtorch 2.7.1's oneDNN 3.7.1 convolution backward pass (the gradient with respect to a
 * convolution's input) reads the channel padding of its blocked buffers, e.g. channels 20 to 31
 * when a layer has 20 output channels and oneDNN blocks them by 16. PyTorch allocates those
 * buffers without initialising them and the padding is multiplied by zero weights. Finite leftovers
 * give exactly 0, but when the memory last held a NaN or infinity pattern, 0 x NaN is NaN and the
 * whole input gradient is NaN: the C-RNN extractor's first convolution then trains into NaN. Which
 * bytes malloc hands back depends on everything the JVM did before, so about one fresh JVM in
 * three to eight hit it, always in pretraining, while every other run gave the same bits. Setting
 * c10's allocator flag to zero-fill (the flag behind PyTorch's own
 * {@code --caffe2_cpu_allocator_do_zero_fill}) makes the padding 0 as oneDNN assumes: results are
 * bit for bit those of the runs that never met a NaN pattern, and the memset costs nothing
 * measurable next to the convolutions. Turning oneDNN off would also avoid it, but ATen's own
 * convolution is slower here and rounds differently. {@code TorchZeroFillTest} makes the leftovers
 * NaN on purpose (c10's junk fill) and checks the gradient stays finite.
 */
final class TorchZeroFill {

    /** c10's allocator flag, a {@code bool} in libc10.so. */
    static final String ZERO_FILL = "FLAGS_caffe2_cpu_allocator_do_zero_fill";

    private TorchZeroFill() {}

    /** Call after the PyTorch engine has loaded its native libraries. */
    static void enable() {
        set(ZERO_FILL, true);
    }

    /** Sets one of c10's boolean allocator flags in the loaded libc10.so. */
    static void set(String flag, boolean value) {
        NativeLibrary c10 = NativeLibrary.getInstance(loaded("libc10.so"));
        c10.getGlobalVariableAddress(flag).setByte(0, (byte) (value ? 1 : 0));
    }

    /** The path of a native library this process has loaded, as DJL extracted it into its cache. */
    private static String loaded(String name) {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(path -> path.endsWith("/" + name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the PyTorch engine is loaded but " + name + " is not mapped"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/maps to find " + name, e);
        }
    }
}
