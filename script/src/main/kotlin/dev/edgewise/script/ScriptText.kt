package dev.edgewise.script

import dev.edgewise.dsl.SourcePosition
import dev.edgewise.dsl.builder.CallSite
import dev.edgewise.dsl.builder.SourceLocator

/**
 * A script's text, for turning what the JVM knows (a file name and a line) into what a user can
 * click: the path as they typed it, the line, and the column of the word that caused the problem.
 *
 * @param path the script's path as the user gave it
 * @param fileName what the compiled classes record as their source file
 */
internal class ScriptText(val path: String, val fileName: String, val text: String) : SourceLocator {

    private val lines = text.lines()

    override fun locate(site: CallSite): SourcePosition =
        if (site.file() == fileName) at(site.line(), site.member()) else SourcePosition(site.file(), site.line(), 1)

    /** Line [line], at [word] if that line holds it as a whole word, else at its first non-blank character. */
    fun at(line: Int, word: String? = null): SourcePosition {
        val text = lines.getOrNull(line - 1) ?: return SourcePosition(path, line, 1)
        val found = word?.let { Regex("\\b" + Regex.escape(it) + "\\b").find(text) }
        val column = found?.range?.first ?: text.indexOfFirst { !it.isWhitespace() }.coerceAtLeast(0)
        return SourcePosition(path, line, column + 1)
    }

    /** The first frame of [error] that ran this script's code, or null if it never reached the script. */
    fun lineOf(error: Throwable): Int? =
        generateSequence(error) { it.cause }
            .flatMap { it.stackTrace.asSequence() }
            .firstOrNull { it.fileName == fileName && it.lineNumber > 0 }
            ?.lineNumber
}
