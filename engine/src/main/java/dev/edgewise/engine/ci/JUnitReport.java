package dev.edgewise.engine.ci;

import dev.edgewise.catalog.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The CI suite as a JUnit XML report (the Ant/Surefire format every CI system reads): one test case
 * per guarded metric of each point, named {@code <entry>[<point>] <metric>}; a drift or a missing
 * reference is a failure, a run that failed is an error.
 */
final class JUnitReport {

    private JUnitReport() {}

    static void write(CiRunner.Report report, Path file) throws IOException {
        long failures = report.checks().stream().filter(c -> c.verdict().fails() && c.verdict() != CiRunner.Verdict.RUN_FAILED).count();
        long errors = report.checks().stream().filter(c -> c.verdict() == CiRunner.Verdict.RUN_FAILED).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"edgewise-ci\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\""
                + " time=\"%.3f\" timestamp=\"%s\">%n", report.checks().size(), failures, errors, report.seconds(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        for (CiRunner.Check c : report.checks()) {
            String name = (c.point().isEmpty() || c.point().equals(Reference.SINGLE) ? "" : "[" + c.point() + "] ")
                    + (c.metric().isEmpty() ? "run" : c.metric());
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"ci.%s\" name=\"%s\" time=\"%.3f\"", escape(c.entry()),
                    escape(name), c.seconds()));
            if (c.verdict() == CiRunner.Verdict.PASS || c.verdict() == CiRunner.Verdict.IMPROVED) {
                if (c.verdict() == CiRunner.Verdict.IMPROVED) {
                    xml.append(">\n    <system-out>").append(escape(c.message())).append("</system-out>\n  </testcase>\n");
                } else {
                    xml.append("/>\n");
                }
                continue;
            }
            String tag = c.verdict() == CiRunner.Verdict.RUN_FAILED ? "error" : "failure";
            xml.append(">\n    <").append(tag).append(" type=\"").append(c.verdict().name()).append("\" message=\"")
                    .append(escape(c.message().lines().findFirst().orElse(""))).append("\">").append(escape(c.message()))
                    .append("</").append(tag).append(">\n  </testcase>\n");
        }
        if (!report.notes().isEmpty()) {
            xml.append("  <system-out>").append(escape(String.join("\n", report.notes()))).append("</system-out>\n");
        }
        xml.append("</testsuite>\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(file, xml.toString());
    }

    /** XML 1.0 text: markup characters escaped, characters XML cannot hold dropped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (ch >= 0x20 || ch == '\n' || ch == '\t' || ch == '\r') {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
