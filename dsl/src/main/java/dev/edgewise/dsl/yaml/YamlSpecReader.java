package dev.edgewise.dsl.yaml;

import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.SourceMap;
import dev.edgewise.dsl.SourcePosition;
import dev.edgewise.dsl.SpecException;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.ExperimentSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads an experiment from YAML. The text is composed into a node tree first (SnakeYAML: positions
 * kept, anchors and merge keys resolved, size limits enforced) and then bound, so every error —
 * syntax, type, unknown or duplicate key, bad value — names the file, line, column and field.
 */
public final class YamlSpecReader {

    /**
     * The largest experiment file read, in bytes: fifty times the largest sweep in the project, and
     * small enough that any file under it is composed in well under a second. Checked on the bytes
     * before SnakeYAML sees them: its own code point limit is only checked as a scalar ends, and
     * scanning a long scalar takes time quadratic in its length (5 MB on one line: 25 s).
     */
    public static final int MAX_BYTES = 256 * 1024;

    /** The longest line read; a long line is where SnakeYAML's quadratic scan costs time (a 256 KiB line: 1 s). */
    public static final int MAX_LINE = 16 * 1024;

    static final int MAX_CODE_POINTS = MAX_BYTES;

    static final int MAX_ALIASES = 100;
    static final int MAX_NESTING = 64;

    private YamlSpecReader() {}

    public static LoadedSpec read(Path file) {
        return read(readText(file), file.toString());
    }

    /**
     * The text of a spec file (YAML or script); a missing, unreadable or oversized file is a
     * {@link SpecException} naming it. At most {@link #MAX_BYTES} + 1 bytes are read, whatever the
     * file is (a growing log, a device, a pipe report no size or a wrong one).
     */
    public static String readText(Path file) {
        String name = file.toString();
        try {
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                long size = Files.isRegularFile(file) ? Files.size(file) : -1;
                throw tooLarge(name, size >= 0 ? String.format(Locale.ROOT, "the file is %,d bytes", size) : "the file has no end in sight");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new SpecException(new SpecProblem(null, "", "no such file: " + name, "check the path"));
        } catch (CharacterCodingException e) {
            throw new SpecException(new SpecProblem(new SourcePosition(name, 1, 1), "", "the file is not UTF-8 text", null));
        } catch (java.nio.file.AccessDeniedException e) {
            // Its message is the path alone: say why.
            throw new SpecException(new SpecProblem(null, "", "cannot read " + name + ": permission denied", "check the file's permissions"));
        } catch (IOException e) {
            throw new SpecException(new SpecProblem(null, "", "cannot read " + name + ": " + reason(e), "check that the file is a readable file"
                    + " (ls -l " + name + ")"));
        }
    }

    /**
     * Why a file could not be read. A file-system exception's message is only the path (an
     * AccessDeniedException says nothing else), so the reason comes from its type.
     */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName().replaceFirst("Exception$", "");
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Reads spec text; {@code fileName} is used in error positions. */
    public static LoadedSpec read(String text, String fileName) {
        Node root = compose(text, fileName);
        TreeBinder binder = new TreeBinder(fileName);
        ExperimentSpec spec = binder.bindRoot(root, ExperimentSpec.class);
        if (spec == null || !binder.problems().isEmpty()) {
            throw new SpecException(binder.problems());
        }
        return new LoadedSpec(spec, new SourceMap(fileName, binder.positions()));
    }

    /**
     * Composes YAML text into a node tree (positions kept, aliases and merge keys resolved, limits
     * enforced) without binding it, for readers that edit the tree first (overrides, sweep points)
     * or bind other records with {@link TreeBinder}.
     */
    public static Node compose(String text, String fileName) {
        checkSize(text, fileName);
        Node root;
        try {
            root = yaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            SourcePosition at = mark == null ? null : new SourcePosition(fileName, mark.getLine() + 1, mark.getColumn() + 1);
            throw new SpecException(new SpecProblem(at, "", "YAML syntax: " + syntaxMessage(e), syntaxHint(e)));
        } catch (YAMLException e) {
            // Limit violations carry no mark: SnakeYAML stops before it knows where the offending node ends.
            String message = String.valueOf(e.getMessage());
            String hint = message.contains("exceeds") ? "the file is larger or more deeply aliased than an experiment needs" : null;
            throw new SpecException(new SpecProblem(new SourcePosition(fileName, 1, 1), "", "YAML: " + message, hint));
        }
        if (root == null) {
            throw new SpecException(new SpecProblem(new SourcePosition(fileName, 1, 1), "$", "the file holds no experiment",
                    "start with 'name: my-experiment'"));
        }
        return root;
    }

    /** Refuses text over the limits before SnakeYAML spends time on it (one linear pass). */
    private static void checkSize(String text, String fileName) {
        if (text.length() > MAX_BYTES) {
            throw tooLarge(fileName, String.format(Locale.ROOT, "the text is %,d characters", text.length()));
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - lineStart > MAX_LINE) {
                    throw new SpecException(new SpecProblem(new SourcePosition(fileName, line, MAX_LINE + 1), "",
                            String.format(Locale.ROOT, "line %d is %,d characters long; the limit is %,d", line, i - lineStart, MAX_LINE),
                            "break the line (a YAML list or text can span lines), or check that this is the file you meant"));
                }
                line++;
                lineStart = i + 1;
            }
        }
    }

    private static SpecException tooLarge(String fileName, String what) {
        return new SpecException(new SpecProblem(new SourcePosition(fileName, 1, 1), "",
                what + "; an experiment file is at most " + MAX_BYTES / 1024 + " KiB",
                "check that this is the file you meant; generated values belong in a sweep block, not spelled out"));
    }

    /** Composes YAML written by this project (defaults), where a failure is a bug, not a user mistake. */
    static Node composeTrusted(String text) {
        return yaml().compose(new StringReader(text));
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        return new Yaml(options);
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
        String context = e.getContext();
        String message = context != null ? problem + " (" + context + ")" : problem;
        return message.replaceAll("\\s+", " ").trim();
    }

    private static String syntaxHint(MarkedYAMLException e) {
        String problem = String.valueOf(e.getProblem());
        if (problem.toLowerCase(java.util.Locale.ROOT).contains("tab")) {
            return "indent with spaces, not tabs";
        }
        if (problem.contains("mapping values are not allowed")) {
            return "a value containing ': ' must be quoted";
        }
        if (problem.contains("exceeds the limit") || problem.contains("aliases")) {
            return "the file is larger or more deeply aliased than an experiment needs";
        }
        return null;
    }
}
