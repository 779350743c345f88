@file:JvmName("Shapes")

package dev.edgewise.script

import dev.edgewise.dsl.builder.Topology

// Graph shapes for `topology = ...`, as plain values so a script can loop over them.

fun ring(): Topology = Topology.ring()

fun line(): Topology = Topology.line()

fun star(): Topology = Topology.star()

fun complete(): Topology = Topology.complete()

/** A rows x cols grid; `nodes` must equal rows x cols. */
fun grid(rows: Int, cols: Int): Topology = Topology.grid(rows, cols)

fun tree(branching: Int): Topology = Topology.tree(branching)

/** Nodes uniform in the unit square, linked within `radius`; seeded by the experiment's seed. */
fun randomGeometric(radius: Double): Topology = Topology.randomGeometric(radius)

/** Each pair linked with `probability`; seeded by the experiment's seed. */
fun erdosRenyi(probability: Double): Topology = Topology.erdosRenyi(probability)

/** Explicit undirected edges: `edges(0 to 1, 1 to 2)`. */
fun edges(vararg pairs: Pair<Int, Int>): Topology = Topology.edges(pairs.map { listOf(it.first, it.second) })

/** Any graph in the catalog by name, including one this or another script registered. */
fun graph(name: String): Topology = Topology.named(name)
