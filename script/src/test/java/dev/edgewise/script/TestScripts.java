package dev.edgewise.script;

import java.nio.file.Path;

/** One host for the module's tests: the compiler warms up once, and compiled scripts are kept in target/ across builds. */
final class TestScripts {

    static final ScriptHost HOST = new ScriptHost(new ScriptCache(Path.of("target/script-cache")));

    private TestScripts() {}
}
