package dev.edgewise.script

import dev.edgewise.catalog.Catalog
import dev.edgewise.catalog.data.DataCache
import dev.edgewise.catalog.data.DataException
import dev.edgewise.catalog.data.ImageDataset
import dev.edgewise.catalog.topology.TopologyFactory
import dev.edgewise.dsl.LoadedSpec
import dev.edgewise.dsl.SourcePosition
import dev.edgewise.dsl.SpecException
import dev.edgewise.dsl.SpecProblem
import dev.edgewise.dsl.yaml.YamlSpecReader
import java.nio.file.Path
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import kotlin.script.experimental.api.CompiledScript
import kotlin.script.experimental.api.EvaluationResult
import kotlin.script.experimental.api.ResultValue
import kotlin.script.experimental.api.ResultWithDiagnostics
import kotlin.script.experimental.api.ScriptDiagnostic
import kotlin.script.experimental.api.SourceCode
import kotlin.script.experimental.host.ScriptingHostConfiguration
import kotlin.script.experimental.host.toScriptSource
import kotlin.script.experimental.jvm.baseClassLoader
import kotlin.script.experimental.jvm.compilationCache
import kotlin.script.experimental.jvm.defaultJvmScriptingHostConfiguration
import kotlin.script.experimental.jvm.jvm
import kotlin.script.experimental.jvmhost.BasicJvmScriptingHost
import kotlin.script.experimental.jvmhost.createJvmCompilationConfigurationFromTemplate
import kotlin.script.experimental.jvmhost.createJvmEvaluationConfigurationFromTemplate

/**
 * Compiles (or loads from [cache]) and runs experiment scripts, and turns every way a script can
 * be wrong into [SpecProblem]s at `file:line:column`: compile errors, exceptions the script
 * throws, bad keys in what it declared, parts that cannot be registered. Keep one per JVM: the
 * compiler it holds gets faster with use.
 */
class ScriptHost(private val cache: ScriptCache?) {

    /** Setting the host up is part of what the first script costs; it is charged to that script's compile time. */
    private var setupNanos = -System.nanoTime()

    private val hostConfiguration = ScriptingHostConfiguration(defaultJvmScriptingHostConfiguration) {
        jvm {
            baseClassLoader(ExperimentScript::class.java.classLoader)
            if (cache != null) {
                compilationCache(cache)
            }
        }
    }
    private val compilation = createJvmCompilationConfigurationFromTemplate<ExperimentScript>(hostConfiguration)
    private val evaluation = createJvmEvaluationConfigurationFromTemplate<ExperimentScript>(hostConfiguration)
    private val scripting = BasicJvmScriptingHost(hostConfiguration)

    init {
        setupNanos += System.nanoTime()
    }

    /**
     * Runs the script at [file], registers its parts in [catalog] and returns its experiments.
     *
     * @throws SpecException with every problem found, none of them a stack trace
     */
    fun load(file: Path, catalog: Catalog): LoadedScript = load(file, read(file), catalog)

    /** As [load], with the script's [text] already read (bounded, see [YamlSpecReader.readText]). */
    @Synchronized
    fun load(file: Path, text: String, catalog: Catalog): LoadedScript {
        val script = ScriptText(file.toString(), file.fileName.toString(), text)
        ExitCalls.find(script).takeIf { it.isNotEmpty() }?.let { throw SpecException(it) }
        val source = script.text.toScriptSource(script.fileName)
        val started = System.nanoTime()
        val cached = cache?.get(source, compilation)
        val compiled = cached ?: compile(source, script)
        val compileSeconds = (System.nanoTime() - started + setupNanos) / 1e9
        setupNanos = 0
        val declared = evaluate(compiled, script)
        val problems = mutableListOf<SpecProblem>()
        val parts = register(declared.parts, catalog, file.toAbsolutePath().normalize().toString(), script, problems)
        val experiments = build(declared, script, problems)
        if (experiments.isEmpty() && parts.isEmpty() && problems.isEmpty()) {
            problems += SpecProblem(script.at(1), "", "the script declares no experiment", "add one: experiment(\"my-experiment\") { nodes = 5 }")
        }
        if (problems.isNotEmpty()) {
            throw SpecException(problems.sortedWith(compareBy({ it.position()?.line() ?: 0 }, { it.position()?.column() ?: 0 })))
        }
        return LoadedScript(experiments, parts, compileSeconds, cached != null)
    }

    private fun compile(source: SourceCode, script: ScriptText): CompiledScript =
        when (val result = scripting.runInCoroutineContext { scripting.compiler(source, compilation) }) {
            is ResultWithDiagnostics.Success -> result.value
            is ResultWithDiagnostics.Failure -> throw SpecException(compileProblems(result.reports, script))
        }

    private fun evaluate(compiled: CompiledScript, script: ScriptText): Declarations {
        val result = when (val evaluated = evaluateInTime(compiled, script)) {
            is ResultWithDiagnostics.Success -> evaluated.value
            is ResultWithDiagnostics.Failure -> throw SpecException(compileProblems(evaluated.reports, script))
        }
        when (val value = result.returnValue) {
            is ResultValue.Error -> throw thrownBy(value.error, script)
            is ResultValue.NotEvaluated -> throw SpecException(SpecProblem(script.at(1), "", "the script was not run", null))
            else -> return (value.scriptInstance as ExperimentScript).declared
        }
    }

    /**
     * Runs the script on a thread of its own, under [ScriptGuard], for at most
     * [ExperimentFiles.scriptTimeoutSeconds]: a loop that never ends is reported at the line it
     * was running, instead of hanging edgewise without a word.
     */
    private fun evaluateInTime(compiled: CompiledScript, script: ScriptText): ResultWithDiagnostics<EvaluationResult> {
        val outcome = CompletableFuture<ResultWithDiagnostics<EvaluationResult>>()
        val thread = Thread({
            try {
                outcome.complete(ScriptGuard.run(script, "the script") { scripting.runInCoroutineContext { scripting.evaluator(compiled, evaluation) } })
            } catch (e: Throwable) {
                outcome.completeExceptionally(e)
            }
        }, "edgewise-script ${script.fileName}")
        // A script past its time is abandoned, not stopped (the JVM cannot stop a thread safely); it must not keep edgewise alive.
        thread.isDaemon = true
        thread.contextClassLoader = Thread.currentThread().contextClassLoader
        thread.start()
        val seconds = ExperimentFiles.scriptTimeoutSeconds
        try {
            return outcome.get(seconds, TimeUnit.SECONDS)
        } catch (e: TimeoutException) {
            val line = thread.stackTrace.firstOrNull { it.fileName == script.fileName && it.lineNumber > 0 }?.lineNumber
            ScriptGuard.abandon(thread)
            thread.interrupt()
            throw SpecException(SpecProblem(line?.let { script.at(it) } ?: script.at(1), "",
                "the script did not finish within $seconds s" + (line?.let { "; it was running line $it" } ?: ""),
                "look for a loop that never ends; a script that needs longer: --script-timeout=SECONDS or ${ExperimentFiles.TIMEOUT_ENV}"))
        } catch (e: ExecutionException) {
            throw e.cause ?: e
        }
    }

    private fun build(declared: Declarations, script: ScriptText, problems: MutableList<SpecProblem>): List<LoadedSpec> {
        val experiments = mutableListOf<LoadedSpec>()
        val firstDeclared = mutableMapOf<String, SourcePosition?>()
        for (builder in declared.experiments) {
            val loaded = try {
                builder.load(script)
            } catch (e: SpecException) {
                problems += e.problems()
                continue
            }
            val name = loaded.spec().name()
            val at = loaded.sources().positionOf("$")
            if (name in firstDeclared) {
                problems += SpecProblem(at, "$.name", "experiment '$name' is declared twice",
                    "it was first declared at line ${firstDeclared[name]?.line()}; give each experiment its own name")
            } else {
                firstDeclared[name] = at
                experiments += loaded
            }
        }
        return experiments
    }

    private fun register(parts: List<Part>, catalog: Catalog, origin: String, script: ScriptText, problems: MutableList<SpecProblem>): List<String> {
        val registered = mutableListOf<String>()
        for (part in parts) {
            try {
                when (part) {
                    is Part.Shape -> catalog.registerTopology(part.name, reportingLine(part.factory, part.name, script), origin)
                    is Part.Dataset -> catalog.registerDataset(part.name, reportingLine(part.loader, part.name, script.locate(part.site), script), origin)
                }
                registered += part.name
            } catch (e: IllegalArgumentException) {
                problems += SpecProblem(script.locate(part.site), "", e.message ?: e.toString(), null)
            }
        }
        return registered
    }

    private companion object {

        /** Bounded like a YAML file, so an oversized script is refused before the compiler sees it. */
        fun read(file: Path): String = YamlSpecReader.readText(file)

        fun compileProblems(reports: List<ScriptDiagnostic>, script: ScriptText): List<SpecProblem> {
            val errors = reports.filter { it.severity >= ScriptDiagnostic.Severity.ERROR }
            val located = errors.filter { it.location != null }
            return (located.ifEmpty { errors }).map { report ->
                val start = report.location?.start
                val at = if (start != null) SourcePosition(script.path, start.line, start.col) else script.at(1)
                val cause = report.exception?.let { ": ${describe(it)}" } ?: ""
                SpecProblem(at, "", report.message.trimEnd('.') + cause, null)
            }.ifEmpty { listOf(SpecProblem(script.at(1), "", "the script did not compile", null)) }
        }

        /** An exception the script threw, at the script line it came from. */
        fun thrownBy(error: Throwable, script: ScriptText): SpecException {
            if (error is SpecException) {
                return error
            }
            val line = script.lineOf(error)
            val at = if (line != null) script.at(line) else script.at(1)
            return SpecException(SpecProblem(at, "", "the script threw ${describe(error)}", null))
        }

        fun describe(error: Throwable): String =
            error.javaClass.simpleName + (error.message?.let { ": $it" } ?: "")

        /**
         * A script's factory fails only when an experiment is compiled, far from the script: name
         * its line in the message, and keep IllegalArgumentException, which the compiler reports
         * as a spec problem at the experiment's `topology:`. It runs under [ScriptGuard] like the script.
         */
        fun reportingLine(factory: TopologyFactory, name: String, script: ScriptText) = TopologyFactory { params ->
            try {
                ScriptGuard.run(script, "topology '$name'") { factory.create(params) }
            } catch (e: IllegalArgumentException) {
                throw e
            } catch (e: RuntimeException) {
                val line = script.lineOf(e)?.let { " (${script.path}:$it)" } ?: ""
                throw IllegalArgumentException("failed: ${describe(e)}$line", e)
            }
        }

        /**
         * A script's loader runs when a run loads its data, before the run starts: what it throws is
         * a mistake in the script, reported at the line that threw (else the line that registered
         * the loader) as bad input. A [DataException] (a download, a missing tool) stays one.
         */
        fun reportingLine(loader: (DataCache) -> ImageDataset, name: String, registeredAt: SourcePosition, script: ScriptText):
            (DataCache) -> ImageDataset = { cache ->
            try {
                ScriptGuard.run(script, "dataset '$name'") { loader(cache) }
            } catch (e: DataException) {
                throw e
            } catch (e: SpecException) {
                throw e
            } catch (e: Exception) {
                throw loaderFailed(e, name, registeredAt, script)
            } catch (e: StackOverflowError) {
                throw loaderFailed(e, name, registeredAt, script)
            } catch (e: LinkageError) {
                throw loaderFailed(e, name, registeredAt, script)
            }
        }

        private fun loaderFailed(e: Throwable, name: String, registeredAt: SourcePosition, script: ScriptText): SpecException {
            val line = script.lineOf(e)
            val at = if (line != null) script.at(line) else registeredAt
            val where = if (line != null) "" else " (registered here)"
            return SpecException(SpecProblem(at, "", "dataset '$name' failed to load$where: ${describe(e)}", "fix the loader in the script"))
        }
    }
}
