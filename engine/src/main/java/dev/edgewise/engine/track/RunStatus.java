package dev.edgewise.engine.track;

/** Run states with MLflow's numeric codes (as written in a file store's meta.yaml). */
public enum RunStatus {
    RUNNING(1),
    FINISHED(3),
    FAILED(4),
    KILLED(5);

    private final int mlflowCode;

    RunStatus(int mlflowCode) {
        this.mlflowCode = mlflowCode;
    }

    public int mlflowCode() {
        return mlflowCode;
    }
}
