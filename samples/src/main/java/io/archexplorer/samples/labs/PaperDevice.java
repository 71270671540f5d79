package io.archexplorer.samples.labs;

/** The two machines ShuffleNet V2's guideline tables were measured on, and the unit of their figures. */
public enum PaperDevice {
    GPU("GTX 1080Ti", "batches/s"),
    ARM("Snapdragon 810", "images/s");

    private final String machine;
    private final String unit;

    PaperDevice(String machine, String unit) {
        this.machine = machine;
        this.unit = unit;
    }

    public String machine() {
        return machine;
    }

    public String unit() {
        return unit;
    }
}
