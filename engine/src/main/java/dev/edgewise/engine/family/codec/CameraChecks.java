package dev.edgewise.engine.family.codec;

import dev.edgewise.dsl.spec.DataSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.PacketisedLinksSpec;
import dev.edgewise.dsl.spec.ReconstructionTaskSpec;
import dev.edgewise.engine.family.DataShape;
import dev.edgewise.engine.family.FamilyCheck;

/**
 * What the codec and the JPEG baseline ask of an experiment alike: one camera sending whole
 * images over packet links, the reconstruction task, and images large enough for its MS-SSIM.
 */
final class CameraChecks {

    private CameraChecks() {}

    /**
     * @param who the family as a sentence names it ("the codec", "JPEG")
     * @param packets why it needs packet links
     * @return the task's settings, or null when the task is not reconstruction (the rest depends on it)
     */
    static ReconstructionTaskSpec check(FamilyCheck<?> check, String who, String packets) {
        ExperimentSpec spec = check.spec();
        if (spec.topology().nodes() != 1) {
            check.problem("$.topology.nodes", who + " runs on one camera, not " + spec.topology().nodes() + " nodes", "set topology.nodes: 1");
        }
        if (spec.data().viewOrItem() != DataSpec.View.WHOLE) {
            check.problem("$.data.view", "the camera sends whole images", "set data.view: whole");
        }
        if (!(spec.links() instanceof PacketisedLinksSpec)) {
            check.problem("$.links.kind", packets, "set links.kind: packets with a payload (e.g. 51 bytes), or links.kind: lora");
        }
        if (!(spec.task() instanceof ReconstructionTaskSpec task)) {
            check.problem("$.task.kind", who + " reproduces its input image", "set task.kind: reconstruction");
            return null;
        }
        DataShape data = check.data();
        if (Math.min(data.height(), data.width()) < task.minimumSide()) {
            check.problem("$.task.msssim_scales", data.height() + "x" + data.width() + " images are too small for " + task.msssimScales()
                    + " MS-SSIM scales with a " + task.msssimWindow() + "-pixel window (each side must be at least " + task.minimumSide() + ")",
                    "fewer scales or a smaller window, e.g. msssim_scales: 3 and msssim_window: 7 for 28x28 images");
        }
        return task;
    }
}
