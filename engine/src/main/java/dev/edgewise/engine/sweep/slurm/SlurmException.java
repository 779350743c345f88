package dev.edgewise.engine.sweep.slurm;

/**
 * Something Slurm or the cluster setup refused, said the way a user can act on it.
 *
 * @param badInput the user's request is what is wrong (exit 2), rather than the cluster (exit 1)
 */
public final class SlurmException extends RuntimeException {

    private final String hint;
    private final boolean badInput;

    public SlurmException(String message, String hint, boolean badInput) {
        super(message);
        this.hint = hint;
        this.badInput = badInput;
    }

    public String hint() {
        return hint;
    }

    public boolean badInput() {
        return badInput;
    }
}
