package io.archexplorer.app.window;

import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * A scatter chart point with its label beside it ({@code #2}), so a point reads against the table row it stands
 * for. The chart centres a symbol on its point by the symbol's size: the label stays outside that size
 * (unmanaged), so the dot, not the dot and its label, sits on the point.
 */
final class PointMarker extends Region {
    private static final double RADIUS = 5;

    PointMarker(String label, String tooltip, boolean highlighted) {
        this(label, tooltip, highlighted ? "#d9480f" : "#1c7ed6", highlighted ? "#7a2a08" : "#0b4f8a", true);
    }

    /** A point in a chart's series colour ({@code #rrggbb}), its label in plain or bold type. */
    PointMarker(String label, String tooltip, String fill, String stroke, boolean bold) {
        Circle dot = new Circle(RADIUS, RADIUS, RADIUS);
        dot.setStyle("-fx-fill: " + fill + "; -fx-stroke: " + stroke + ";");
        Text text = new Text(label);
        text.setFont(Font.font(null, bold ? FontWeight.BOLD : FontWeight.NORMAL, 11));
        text.setStyle("-fx-fill: " + stroke + ";");
        text.setManaged(false);
        text.relocate(2 * RADIUS + 3, -RADIUS - 1);
        getChildren().addAll(dot, text);
        Tooltip.install(this, new Tooltip(tooltip));
        setMinSize(2 * RADIUS, 2 * RADIUS);
        setPrefSize(2 * RADIUS, 2 * RADIUS);
        setMaxSize(2 * RADIUS, 2 * RADIUS);
    }
}
