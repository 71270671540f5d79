package io.archexplorer.app.diagram;

import io.archexplorer.engine.analysis.OpCategory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** How boxes are coloured, and the legend that explains the colours. */
public interface NodeStyle {

    Rgb color(Diagram.Node node);

    /** Legend rows for this diagram, in display order. */
    List<LegendEntry> legend(Diagram d);

    record LegendEntry(Rgb color, String label) {
    }

    /** Netscope's convention: one colour per kind of operation ({@link Palette}); collapsed blocks in their own. */
    NodeStyle CATEGORIES = new NodeStyle() {
        @Override
        public Rgb color(Diagram.Node node) {
            return node.isBlock() ? Palette.BLOCK : Palette.color(node.category());
        }

        @Override
        public List<LegendEntry> legend(Diagram d) {
            Set<OpCategory> present = EnumSet.noneOf(OpCategory.class);
            boolean blocks = false;
            for (Diagram.Node n : d.nodes()) {
                if (n.isBlock()) {
                    blocks = true;
                } else {
                    present.add(n.category());
                }
            }
            List<LegendEntry> rows = new ArrayList<>();
            for (OpCategory c : present) {
                rows.add(new LegendEntry(Palette.color(c), c.label()));
            }
            if (blocks) {
                rows.add(new LegendEntry(Palette.BLOCK, "collapsed block"));
            }
            return rows;
        }
    };
}
