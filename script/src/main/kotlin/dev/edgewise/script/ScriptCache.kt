package dev.edgewise.script

import java.io.IOException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.security.MessageDigest
import java.util.HexFormat
import kotlin.io.path.extension
import kotlin.io.path.fileSize
import kotlin.io.path.getLastModifiedTime
import kotlin.io.path.isDirectory
import kotlin.io.path.isRegularFile
import kotlin.io.path.name
import kotlin.script.experimental.api.CompiledScript
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.SourceCode
import kotlin.script.experimental.jvm.CompiledJvmScriptsCache
import kotlin.script.experimental.jvm.impl.KJvmCompiledScript
import kotlin.script.experimental.jvmhost.CompiledScriptJarsCache
import kotlin.script.experimental.jvmhost.saveToJar

/**
 * Compiled scripts as jars in [dir], keyed by the script's name and text and by what it was
 * compiled against (the Kotlin and Java versions and the DSL's own jars), so an unchanged script
 * starts without the compiler and a rebuilt edgewise never runs a stale one.
 */
class ScriptCache(private val dir: Path) : CompiledJvmScriptsCache {

    private val jars = CompiledScriptJarsCache { script, _ -> jarFor(script).toFile() }

    /** Identifies the DSL the scripts were compiled against; computed once per JVM. */
    private val environment: String by lazy {
        buildString {
            append(FORMAT).append('\n')
            append(KotlinVersion.CURRENT).append('\n')
            append(System.getProperty("java.specification.version")).append('\n')
            ScriptClasspath.files.forEach { append(stamp(it.toPath())).append('\n') }
        }
    }

    override fun get(script: SourceCode, scriptCompilationConfiguration: ScriptCompilationConfiguration): CompiledScript? =
        try {
            jars.get(script, scriptCompilationConfiguration)
        } catch (e: Exception) {
            // A damaged entry (a crash while writing, a full disk) is compiled again, not reported.
            null
        }

    override fun store(compiledScript: CompiledScript, script: SourceCode, scriptCompilationConfiguration: ScriptCompilationConfiguration) {
        val jvmScript = compiledScript as? KJvmCompiledScript ?: return
        try {
            Files.createDirectories(dir)
            val target = jarFor(script)
            // Written aside and moved in, so a second edgewise never loads half a jar.
            val partial = Files.createTempFile(dir, target.name, ".partial")
            jvmScript.saveToJar(partial.toFile())
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
            pruneOlderVersions(target)
        } catch (e: IOException) {
            // Caching is an optimisation: a read-only or full cache folder must not fail a run.
        }
    }

    fun jarFor(script: SourceCode): Path {
        val name = (script.name ?: "script").replace(Regex("[^A-Za-z0-9._-]"), "_")
        return dir.resolve("$name-${sha256(environment + (script.name ?: "") + '\n' + script.text).take(32)}.jar")
    }

    /** Each edit of a script leaves a jar nobody will load again; keep only the newest per script name. */
    private fun pruneOlderVersions(kept: Path) {
        val prefix = kept.name.substringBeforeLast('-') + "-"
        Files.list(dir).use { files ->
            files.filter { it != kept && it.name.startsWith(prefix) && it.extension == "jar" }
                .forEach { Files.deleteIfExists(it) }
        }
    }

    private companion object {
        const val FORMAT = "edgewise-script-cache-1"

        fun stamp(path: Path): String = when {
            path.isRegularFile() -> "$path ${path.fileSize()} ${path.getLastModifiedTime().toMillis()}"
            path.isDirectory() -> Files.walk(path).use { files ->
                val classes = files.filter { it.isRegularFile() }.toList()
                "$path ${classes.size} ${classes.maxOfOrNull { it.getLastModifiedTime().toMillis() } ?: 0}"
            }
            else -> "$path missing"
        }

        fun sha256(text: String): String =
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toByteArray(Charsets.UTF_8)))
    }
}
