package dev.edgewise.engine.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.edgewise.engine.task.ReconstructionTask;
import dev.edgewise.engine.task.Task;

/** 1 - MS-SSIM between the decoded images ({@link Outputs#IMAGE}) and the originals (the labels), with the task's settings. */
final class MsSsimTerm implements LossTerm {

    private final MsSsimLoss msSsim;

    MsSsimTerm(Task task) {
        if (!(task instanceof ReconstructionTask reconstruction)) {
            throw new IllegalArgumentException("the msssim term needs task kind reconstruction");
        }
        this.msSsim = reconstruction.msSsimLoss();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray decoded = Outputs.get(predictions, Outputs.IMAGE);
        return msSsim.loss(labels.get(0).reshape(decoded.getShape()), decoded);
    }
}
