package dev.edgewise.dsl.spec;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

@Doc("A folder of PNG or JPEG images (read by the JDK's ImageIO), one subfolder per class (classes numbered in name order),"
        + " or flat with a labels CSV. Every image is converted to grey and resized to 'size' with the named filter.")
@Variant("images")
public record ImageFolderSpec(
        @Doc("The folder, relative to the experiment file or absolute.") String path,
        @Doc("A CSV with a header row 'file,label' naming each image of a flat folder and its class (an integer >= 0, or a name:"
                + " names are numbered in sorted order). Unset: one subfolder per class.")
        @Default("~")
        String labels,
        @Doc("[rows, cols] every image is resized to.") List<Integer> size,
        @Doc("The resampling filter: nearest, bilinear or bicubic (Keys a = -0.5), pixel centres aligned, edges clamped; written out in"
                + " edgewise, so a result is pinned to the name.") @Default("bilinear")
        Filter filter) implements DataFileSpec {

    public ImageFolderSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(size, "size");
        if (size.size() != 2 || size.get(0) < 1 || size.get(1) < 1 || size.get(0) > 4096 || size.get(1) > 4096) {
            throw new FieldException("size", "size must be [rows, cols], each 1..4096, got " + size, "e.g. size: [28, 28]");
        }
        size = List.copyOf(size);
    }

    @Override
    public DataFileSpec withPaths(UnaryOperator<String> resolve) {
        return new ImageFolderSpec(resolve.apply(path), labels == null ? null : resolve.apply(labels), size, filter);
    }

    public enum Filter implements SpecEnum {
        NEAREST,
        BILINEAR,
        BICUBIC
    }
}
