package dev.edgewise.catalog.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Whether this machine's apt can fetch a package: a Debian or Ubuntu machine whose package lists
 * know it. A container that never ran {@code apt-get update} has none; .ci/run refreshes them.
 */
final class AptLists {

    private AptLists() {}

    /** True when {@code apt-cache policy PACKAGE} names a candidate version. */
    static boolean know(String pkg) {
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
