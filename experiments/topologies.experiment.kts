// A sweep over network shapes: the quickstart's max task on six nodes wired five ways, one of
// them a shape this script registers itself. Each experiment gets its own run and MLflow run
// under the MLflow experiment "topologies", so they compare side by side.
//
//   ./edgewise run experiments/topologies.experiment.kts      (about 2 minutes on 2 cores)

// A custom shape: a ring with every second node also linked across, registered in the catalog
// so that YAML files read after this script can say `graph: chorded-ring` too.
topology("chorded-ring") { params ->
    val n = params.requireNodes()
    val edges = (0 until n).map { intArrayOf(it, (it + 1) % n) } +
        (0 until n / 2 step 2).map { intArrayOf(it, it + n / 2) }
    Topologies.edges(n, edges)
}

/** What every experiment of the sweep shares; only the shape differs. */
fun ExperimentScope.shortMaxTask() {
    seed = 7
    nodes = 6
    data { trainSamples = 1000; testSamples = 300 }
    model(crnn { extractor { pretrain { epochs = 4 } } })
    exchange(peer {})
    training { epochs = 8 }
    tracking { experiment = "topologies" }
}

val shapes = listOf(line(), ring(), star(), complete(), graph("chorded-ring"))

for (shape in shapes) {
    experiment("topologies-${shape.graph()}") {
        description = "max task on 6 nodes wired as ${shape.graph()}"
        shortMaxTask()
        topology = shape
    }
}
