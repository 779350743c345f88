package dev.edgewise.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Whether this machine's apt can fetch a package (as the catalog tests' AptLists): tests that need
 * Debian's data packages are skipped, saying why, where apt has no package lists.
 */
public final class AptPackages {

    private AptPackages() {}

    /** True when {@code apt-cache policy PACKAGE} names a candidate version. */
    public static boolean know(String pkg) {
        try {
            Process process = new ProcessBuilder("apt-cache", "policy", pkg).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor(30, TimeUnit.SECONDS) && out.contains("Candidate:") && !out.contains("Candidate: (none)");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
