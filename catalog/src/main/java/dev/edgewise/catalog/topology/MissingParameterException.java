package dev.edgewise.catalog.topology;

/**
 * A topology needs a parameter the spec does not give. Its own type so that the spec's checks can
 * report it once, at the graph that needs it, rather than once per network size built.
 */
public final class MissingParameterException extends IllegalArgumentException {

    private final String parameter;

    public MissingParameterException(String parameter) {
        super("missing parameter '" + parameter + "'");
        this.parameter = parameter;
    }

    /** The parameter's name, as the spec's topology key ({@code radius}, {@code rows}, ...). */
    public String parameter() {
        return parameter;
    }
}
