package dev.edgewise.script

import dev.edgewise.dsl.SourcePosition
import dev.edgewise.dsl.SpecProblem
import java.util.concurrent.ConcurrentHashMap

/**
 * Keeps a script from ending edgewise behind the user's back. Java 17 has no way to refuse
 * `System.exit` short of a SecurityManager (deprecated, warns on stderr, gone in later JDKs), so
 * the guard lets the JVM start to exit and then takes the exit over: a shutdown hook that finds
 * the exiting thread running script code prints the script's line and halts with exit 2, so an
 * exit can never pass for success. This covers every way in — `System.exit`, `exitProcess`,
 * reflection, a library the script calls, a thread it started — while script code runs (its body,
 * and the loaders and factories it registers). `Runtime.halt` runs no hooks; [ExitCalls] refuses
 * the direct calls in the text before anything runs.
 */
internal object ScriptGuard {

    private class Guarded(val script: ScriptText, val what: String)

    private val guarded = ConcurrentHashMap<Thread, Guarded>()

    private val hook: Thread by lazy {
        Thread(::onExit, "edgewise-script-exit-guard").also { Runtime.getRuntime().addShutdownHook(it) }
    }

    /** Runs [block], script code described by [what] (e.g. "the script", "dataset 'x'"), on this thread under the guard. */
    fun <T> run(script: ScriptText, what: String, block: () -> T): T {
        hook
        val thread = Thread.currentThread()
        val previous = guarded.put(thread, Guarded(script, what))
        try {
            return block()
        } finally {
            if (previous != null) guarded[thread] = previous else guarded.remove(thread)
        }
    }

    /** A thread given up on (a script past its time limit) no longer speaks for the script. */
    fun abandon(thread: Thread) {
        guarded.remove(thread)
    }

    private fun onExit() {
        if (guarded.isEmpty()) {
            return
        }
        val stacks = Thread.getAllStackTraces()
        for ((thread, stack) in stacks) {
            val exitAt = stack.indexOfFirst { it.className == "java.lang.Shutdown" && it.methodName == "exit" }
            if (exitAt < 0) {
                continue
            }
            val callers = stack.drop(exitAt + 1)
            val own = guarded[thread]
            val guard = own ?: guarded.values.firstOrNull { g -> callers.any { it.fileName == g.script.fileName } } ?: continue
            // Signals (Ctrl-C, SIGTERM) exit from a thread that never ran script code: those are the user's to give.
            val line = callers.firstOrNull { it.fileName == guard.script.fileName && it.lineNumber > 0 }?.lineNumber
            val at: SourcePosition = if (line != null) guard.script.at(line) else guard.script.at(1)
            val problem = SpecProblem(at, "", "${guard.what} tried to end edgewise (System.exit); a script cannot end the process",
                "remove the call; to report a problem, throw an exception (error(\"...\")) and edgewise shows it here")
            System.out.flush()
            System.err.println(problem.format())
            System.err.println("1 problem; edgewise stopped.")
            System.err.flush()
            Runtime.getRuntime().halt(EXIT_BAD_INPUT)
        }
    }

    /** The CLI's exit code for bad input; the script module cannot see the CLI. */
    const val EXIT_BAD_INPUT = 2
}

/**
 * Direct calls that end the JVM, found in a script's text before it runs, so nothing is run at
 * all and `Runtime.halt` (which no hook sees) is refused too.
 */
internal object ExitCalls {

    private val call = Regex("""(\bSystem\s*\.\s*exit|\bexitProcess|\.\s*halt|\.\s*getRuntime\s*\(\s*\)\s*\.\s*exit)\s*\(""")

    fun find(script: ScriptText): List<SpecProblem> =
        script.text.lines().withIndex().mapNotNull { (index, line) ->
            val code = line.substringBefore("//")
            call.find(code)?.let { match ->
                SpecProblem(SourcePosition(script.path, index + 1, match.range.first + 1 + (if (match.value.startsWith(".")) 1 else 0)), "",
                    "a script cannot end edgewise: ${match.value.trimEnd('(').replace(Regex("\\s+"), "").removePrefix(".")} is not allowed",
                    "remove the call; to report a problem, throw an exception (error(\"...\")) and edgewise shows it at this line")
            }
        }
}
