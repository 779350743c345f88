package dev.edgewise.engine.family.split;

import dev.edgewise.catalog.data.NodeView;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.catalog.layers.RoleStacks;
import dev.edgewise.catalog.layers.TensorShape;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.SensorSpec;
import dev.edgewise.dsl.spec.SplitModelSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import dev.edgewise.engine.family.DataShape;
import dev.edgewise.engine.family.FamilyCheck;
import dev.edgewise.engine.task.Task;
import dev.edgewise.engine.task.TaskRegistry;
import dev.edgewise.engine.train.BitAccount;

/**
 * What the binder cannot check of a split-inference spec: whether its view fits its nodes, whether
 * its layer stacks fit what a node sees and what the task needs, whether its route exists. Each
 * problem is reported at the key that has to change.
 */
final class SplitChecks {

    private SplitChecks() {}

    static void check(FamilyCheck<SplitModelSpec> check) {
        ExperimentSpec spec = check.spec();
        SplitModelSpec model = check.model();
        if (spec.training().nodes() != null || spec.evaluation().nodes() != null) {
            String path = spec.training().nodes() != null ? "$.training.nodes" : "$.evaluation.nodes";
            check.problem(path, "the split family trains and tests on topology.nodes only", "remove the key");
        }
        DataShape data = check.data();
        int nodes = spec.topology().nodes();
        NodeView view = NodeView.of(spec.data());
        Task task = TaskRegistry.of(spec.task());
        if (view.itemPerNode() && task.classification()) {
            check.problem("$.task.kind", "classification predicts the class of one item, but view 'item' gives each node its own item",
                    "use view whole, quadrants, patches or columns, or task max / max-parity");
        }
        if (!view.itemPerNode() && !task.classification()) {
            check.problem("$.task.kind", "task '" + spec.task().kind() + "' is over one item per node (view item)",
                    "use task classification, or data.view: item");
        }
        if (!view.itemPerNode()) {
            checkSampleCounts(check, data);
        }
        int required = view.requiredNodes(data.height(), data.width());
        if (required > 0 && required != nodes) {
            check.problem("$.data.view", "view '" + spec.data().view().yamlName() + "' of a " + data.height() + "x" + data.width()
                    + " item needs " + required + " nodes, but topology.nodes is " + nodes, "set topology.nodes: " + required + ", or another view");
            return;
        }
        TensorShape input;
        try {
            input = view.shape(data.height(), data.width());
        } catch (IllegalArgumentException e) {
            check.problem("$.data.patches", e.getMessage(), "pick a k that divides both sides");
            return;
        }
        SensorSpec sensor = model.sensor();
        int messageSize = spec.exchange().messageSize();
        LayerStack sensorStack;
        try {
            sensorStack = RoleStacks.sensor(sensor, input, messageSize);
        } catch (IllegalArgumentException e) {
            check.problem("$.model.sensor.layers", "the sensor stack on a node's " + input + " input: " + e.getMessage(), null);
            return;
        }
        TensorShape out = sensorStack.output();
        if (out.rank() != 1) {
            check.problem("$.model.sensor.layers", "the sensor stack outputs a " + out + " map; a node sends a vector",
                    "end the sensor layers with {type: flatten} or a dense layer");
            return;
        }
        if (sensor.placement() == SensorSpec.Placement.NODE && out.dim(0) != messageSize) {
            check.problem("$.model.sensor.layers", "the sensor stack outputs " + out.dim(0) + " values, but a message is"
                    + " exchange.message_size = " + messageSize + " values",
                    "end the sensor layers with {type: dense} (no units: it takes exchange.message_size)");
            return;
        }
        int wanted = task.outputWidth(data.classes());
        try {
            TensorShape result = RoleStacks.base(model.base(), nodes * out.dim(0)).output();
            if (result.rank() != 1 || result.dim(0) != wanted) {
                check.problem("$.model.base.layers", "the base station outputs " + result + ", but task '" + spec.task().kind() + "' needs "
                        + wanted + " value" + (wanted == 1 ? "" : "s") + (task.classification() ? " (one score per class)" : ""),
                        "end the base layers with {type: dense, units: " + wanted + "}");
            }
        } catch (IllegalArgumentException e) {
            check.problem("$.model.base.layers", "the base stack on " + nodes * out.dim(0) + " message values: " + e.getMessage(), null);
        }
        if (((UpwardExchangeSpec) spec.exchange()).route() == UpwardExchangeSpec.Route.HOPS && check.graph() != null) {
            try {
                BitAccount.hopsToNodeZero(check.graph().adjacency());
            } catch (IllegalArgumentException e) {
                check.problem("$.exchange.route", e.getMessage(), "use a connected graph, or route direct");
            }
        }
    }

    /**
     * With a view that splits one item, a sample is one item, so a pool can give only as many
     * distinct samples as it holds; SplitSamples.draw would fill the rest with repeats, which
     * shifts accuracy towards the repeated items without a word. (With the item view a sample is
     * a draw of one item per node, with replacement by design, so any count is fine.)
     */
    private static void checkSampleCounts(FamilyCheck<SplitModelSpec> check, DataShape data) {
        ExperimentSpec spec = check.spec();
        double holdout = spec.data().holdout();
        String dataset = "dataset '" + spec.data().source() + "'";
        int training = data.training(holdout);
        if (spec.data().trainSamples() > training) {
            check.problem("$.data.train_samples", String.format("%,d training samples, but view '%s' makes one sample of one item and %s has"
                    + " %,d training items (holdout %s%s)", spec.data().trainSamples(), spec.data().viewOrItem().yamlName(), dataset, training,
                    holdout, data.window() > 0 ? ", less a window of " + data.window() : ""),
                    String.format("set data.train_samples: %d (every training item once), or lower data.holdout", training));
        }
        int held = data.heldOut(holdout);
        if (spec.data().testSamples() > held) {
            check.problem("$.data.test_samples", String.format("%,d test samples, but view '%s' makes one sample of one item and %s holds out"
                    + " %,d items (holdout %s)", spec.data().testSamples(), spec.data().viewOrItem().yamlName(), dataset, held, holdout),
                    String.format("set data.test_samples: %d (every held-out item once), or raise data.holdout", held));
        }
    }
}
