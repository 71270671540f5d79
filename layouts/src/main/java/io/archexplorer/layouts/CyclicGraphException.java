package io.archexplorer.layouts;

/** The input is not a DAG; {@link #nodeOnCycle()} names one node that lies on a cycle. */
public final class CyclicGraphException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String nodeOnCycle;

    public CyclicGraphException(String nodeOnCycle) {
        super("graph has a cycle through node '" + nodeOnCycle + "'; a layered layout needs a DAG");
        this.nodeOnCycle = nodeOnCycle;
    }

    public String nodeOnCycle() {
        return nodeOnCycle;
    }
}
