package dev.edgewise.engine.run;

import dev.edgewise.catalog.data.NodeView;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.catalog.layers.RoleStacks;
import dev.edgewise.catalog.layers.TensorShape;
import dev.edgewise.catalog.topology.Graph;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.SpecProblem;
import dev.edgewise.dsl.spec.DataSpec;
import dev.edgewise.dsl.spec.ExchangeSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.SensorSpec;
import dev.edgewise.dsl.spec.TaskSpec;
import dev.edgewise.engine.train.BitAccount;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks that need the data's shape or more than one section: which family a spec is, whether its
 * view fits its nodes, whether its role stacks fit what a node sees and what the task needs. Each
 * problem is reported at the key that has to change.
 */
final class UpwardChecks {

    private UpwardChecks() {}

    /** The dataset facts the checks need. */
    record DataShape(int height, int width, int classes) {}

    /** {@code data} is only asked for (it loads the dataset) when the spec is of the upward family. */
    static void check(LoadedSpec loaded, Supplier<DataShape> data, Graph graph, List<SpecProblem> problems) {
        ExperimentSpec spec = loaded.spec();
        if (spec.exchange().kindOrPeer() == ExchangeSpec.Kind.PEER) {
            peer(loaded, problems);
        } else {
            upward(loaded, data.get(), graph, problems);
        }
    }

    /** The peer family (the C-RNN) reads none of the upward keys: setting one would be silently ignored. */
    private static void peer(LoadedSpec loaded, List<SpecProblem> problems) {
        ExperimentSpec spec = loaded.spec();
        String hint = "set exchange.kind: upward for split inference, or remove the key";
        if (spec.data().viewOrItem() != DataSpec.View.ITEM) {
            problems.add(loaded.sources().problem("$.data.view", "the peer family (exchange.kind peer) gives each node its own item;"
                    + " view '" + spec.data().view().yamlName() + "' is for exchange.kind upward", hint));
        }
        if (spec.task().kind() == TaskSpec.Kind.CLASSIFICATION) {
            problems.add(loaded.sources().problem("$.task.kind", "classification is a task of exchange.kind upward", hint));
        }
        if (spec.exchange().quantization() != null) {
            problems.add(loaded.sources().problem("$.exchange.quantization",
                    "the peer family does not quantize its messages yet; exchange.bits sets their size on the air", hint));
        }
        if (spec.exchange().route() != null) {
            problems.add(loaded.sources().problem("$.exchange.route", "route is how upward messages are counted", hint));
        }
    }

    private static void upward(LoadedSpec loaded, DataShape data, Graph graph, List<SpecProblem> problems) {
        ExperimentSpec spec = loaded.spec();
        if (spec.model().roles() == null) {
            problems.add(loaded.sources().problem("$.model", "exchange.kind upward needs model.roles: the sensor's and the base station's layers",
                    "add model.roles: {sensor: {layers: [...]}, base: {layers: [...]}}"));
            return;
        }
        if (spec.training().nodes() != null || spec.evaluation().nodes() != null) {
            String path = spec.training().nodes() != null ? "$.training.nodes" : "$.evaluation.nodes";
            problems.add(loaded.sources().problem(path, "the upward family trains and tests on topology.nodes only", "remove the key"));
        }
        int nodes = spec.topology().nodes();
        NodeView view = NodeView.of(spec.data());
        TaskSpec.Kind task = spec.task().kind();
        if (view.itemPerNode() && task == TaskSpec.Kind.CLASSIFICATION) {
            problems.add(loaded.sources().problem("$.task.kind", "classification predicts the class of one item, but view 'item' gives"
                    + " each node its own item", "use view whole, quadrants, patches or columns, or task max / max-parity"));
        }
        if (!view.itemPerNode() && task != TaskSpec.Kind.CLASSIFICATION) {
            problems.add(loaded.sources().problem("$.task.kind", "task '" + task.yamlName() + "' is over one item per node (view item)",
                    "use task classification, or data.view: item"));
        }
        int required = view.requiredNodes(data.height(), data.width());
        if (required > 0 && required != nodes) {
            problems.add(loaded.sources().problem("$.data.view", "view '" + spec.data().view().yamlName() + "' of a " + data.height() + "x"
                    + data.width() + " item needs " + required + " nodes, but topology.nodes is " + nodes,
                    "set topology.nodes: " + required + ", or another view"));
            return;
        }
        TensorShape input;
        try {
            input = view.shape(data.height(), data.width());
        } catch (IllegalArgumentException e) {
            problems.add(loaded.sources().problem("$.data.patches", e.getMessage(), "pick a k that divides both sides"));
            return;
        }
        SensorSpec sensor = spec.model().roles().sensor();
        int messageSize = spec.exchange().messageSize();
        LayerStack sensorStack;
        try {
            sensorStack = RoleStacks.sensor(sensor, input, messageSize);
        } catch (IllegalArgumentException e) {
            problems.add(loaded.sources().problem("$.model.roles.sensor.layers", "the sensor stack on a node's " + input + " input: " + e.getMessage(), null));
            return;
        }
        TensorShape out = sensorStack.output();
        if (out.rank() != 1) {
            problems.add(loaded.sources().problem("$.model.roles.sensor.layers", "the sensor stack outputs a " + out + " map; a node sends a vector",
                    "end the sensor layers with {type: flatten} or a dense layer"));
            return;
        }
        if (sensor.placement() == SensorSpec.Placement.NODE && out.dim(0) != messageSize) {
            problems.add(loaded.sources().problem("$.model.roles.sensor.layers", "the sensor stack outputs " + out.dim(0)
                    + " values, but a message is exchange.message_size = " + messageSize + " values",
                    "end the sensor layers with {type: dense} (no units: it takes exchange.message_size)"));
            return;
        }
        int wanted = task == TaskSpec.Kind.CLASSIFICATION ? data.classes() : 1;
        try {
            LayerStack base = RoleStacks.base(spec.model().roles().base(), nodes * out.dim(0));
            TensorShape result = base.output();
            if (result.rank() != 1 || result.dim(0) != wanted) {
                problems.add(loaded.sources().problem("$.model.roles.base.layers", "the base station outputs " + result + ", but task '"
                        + task.yamlName() + "' needs " + wanted + " value" + (wanted == 1 ? "" : "s")
                        + (task == TaskSpec.Kind.CLASSIFICATION ? " (one score per class)" : ""),
                        "end the base layers with {type: dense, units: " + wanted + "}"));
            }
        } catch (IllegalArgumentException e) {
            problems.add(loaded.sources().problem("$.model.roles.base.layers", "the base stack on " + nodes * out.dim(0) + " message values: "
                    + e.getMessage(), null));
        }
        if (spec.exchange().routeOrDirect() == ExchangeSpec.Route.HOPS && graph != null) {
            try {
                BitAccount.hopsToNodeZero(graph.adjacency());
            } catch (IllegalArgumentException e) {
                problems.add(loaded.sources().problem("$.exchange.route", e.getMessage(), "use a connected graph, or route direct"));
            }
        }
    }
}
