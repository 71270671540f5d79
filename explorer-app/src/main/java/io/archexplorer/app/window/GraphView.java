package io.archexplorer.app.window;

import io.archexplorer.app.diagram.Diagram;
import io.archexplorer.app.diagram.DiagramPainter;
import io.archexplorer.app.diagram.HeatStyle;
import io.archexplorer.app.diagram.NodeStyle;
import io.archexplorer.engine.graph.BlockNames;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * The graph: the diagram painter on a canvas with pan (drag), zoom (wheel, around the pointer) and fit; a
 * tooltip with the box's figures on hover; click to select; double-click a collapsed block to expand it, or the
 * frame of an expanded block to collapse it. The legend stays in the corner while the graph moves.
 */
public final class GraphView extends Region {
    private static final double MARGIN = DiagramPainter.MARGIN;
    private static final double MIN_SCALE = 0.02;
    private static final double MAX_SCALE = 4;
    /** Below this, box labels are too small to read on a laptop screen. */
    private static final double READABLE_SCALE = 0.75;

    private final ExplorerModel model;
    private final Canvas canvas = new Canvas();
    private final Label tooltip = new Label();
    private final VBox legend = new VBox(3);
    private final Pane overlays = new Pane(tooltip);
    private double scale = 1;
    private double translateX;
    private double translateY;
    private double dragX;
    private double dragY;
    private boolean dragged;
    private boolean fitPending = true;
    private Map<Integer, String> nodeOfLayer = Map.of();
    private NodeStyle style = NodeStyle.CATEGORIES;
    /** Presentation mode draws everything larger: readable sizes are multiplied by this. */
    private double textScale = 1;
    private List<NodeStyle.LegendEntry> legendEntries = List.of();
    private Overlay legendOverlay;

    public GraphView(ExplorerModel model) {
        this.model = model;
        getStyleClass().add("graph-view");
        tooltip.getStyleClass().add("graph-tooltip");
        tooltip.setVisible(false);
        tooltip.setMouseTransparent(true);
        overlays.setMouseTransparent(true);
        overlays.setPickOnBounds(false);
        legend.getStyleClass().add("graph-legend");
        legend.setMouseTransparent(true);
        legend.setPadding(new Insets(8, 10, 8, 10));
        getChildren().addAll(canvas, legend, overlays);
        setMinSize(200, 150);

        model.diagramProperty().addListener((o, was, d) -> diagramChanged(was, d));
        model.overlayProperty().addListener((o, was, now) -> restyle());
        model.measurementProperty().addListener((o, was, now) -> {
            if (model.overlayProperty().get() == Overlay.TIME) {
                restyle();
            }
        });
        model.selectedLayerProperty().addListener((o, was, now) -> redraw());

        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragged);
        canvas.setOnMouseReleased(this::released);
        canvas.setOnMouseMoved(this::hover);
        canvas.setOnMouseExited(e -> tooltip.setVisible(false));
        canvas.setOnScroll(this::scrolled);
        canvas.setOnZoom(e -> zoomAt(e.getX(), e.getY(), e.getZoomFactor()));
        canvas.setOnContextMenuRequested(e -> {
            ContextMenu menu = blockMenu(e.getX(), e.getY());
            if (menu != null) {
                menu.show(canvas, e.getScreenX(), e.getScreenY());
            }
        });
    }

    // ---- view transform ----

    /**
     * The first view of a model: the whole graph when it fits at a readable size, otherwise its top (the input)
     * at a readable size across the view's width, to be scrolled down from, as one reads a paper's figure.
     */
    private void firstView() {
        Diagram d = diagramToPlace();
        if (d == null) {
            return;
        }
        double w = getWidth();
        double across = w / (d.width() + 2 * MARGIN);
        if (Math.min(across, getHeight() / (d.height() + 2 * MARGIN)) >= READABLE_SCALE * textScale) {
            fit();
            return;
        }
        scale = clamp(across, READABLE_SCALE * textScale, textScale);
        // The input box at the top centre: a wide net (DenseNet's long skip lines) must not start off to one side.
        Diagram.Node input = d.nodes().stream().min(Comparator.comparingDouble(Diagram.Node::y)).orElseThrow();
        translateX = w / 2 - input.x() * scale;
        translateY = MARGIN - (input.y() - input.height() / 2) * scale;
        redraw();
    }

    /** Scales the whole graph into the view (never above natural size) and centres it. */
    public void fit() {
        Diagram d = diagramToPlace();
        if (d == null) {
            return;
        }
        double w = getWidth();
        double h = getHeight();
        scale = clamp(Math.min(w / (d.width() + 2 * MARGIN), h / (d.height() + 2 * MARGIN)), MIN_SCALE, textScale);
        translateX = (w - d.width() * scale) / 2;
        translateY = (h - d.height() * scale) / 2;
        redraw();
    }

    /** The diagram, once there is one and a view size to place it in; until then placing waits for the layout. */
    private Diagram diagramToPlace() {
        Diagram d = model.diagramProperty().get();
        fitPending = d == null || getWidth() <= 0 || getHeight() <= 0;
        return fitPending ? null : d;
    }

    /** Enlarges (or restores) the drawing for presentation mode, keeping the centre of the view in place. */
    public void setTextScale(double factor) {
        double change = factor / textScale;
        textScale = factor;
        zoom(change);
    }

    public void zoom(double factor) {
        zoomAt(getWidth() / 2, getHeight() / 2, factor);
    }

    private void zoomAt(double x, double y, double factor) {
        double next = clamp(scale * factor, MIN_SCALE, MAX_SCALE);
        translateX = x - (x - translateX) * next / scale;
        translateY = y - (y - translateY) * next / scale;
        scale = next;
        redraw();
    }

    /** Brings a layer's box to the middle of the view, at a readable size. */
    public void centerOn(int layer) {
        Diagram.Node n = node(nodeOfLayer.get(layer));
        if (n == null) {
            return;
        }
        scale = Math.max(scale, 0.8);
        translateX = getWidth() / 2 - n.x() * scale;
        translateY = getHeight() / 2 - n.y() * scale;
        redraw();
    }

    /** The colours on screen, so an exported picture shows the same overlay. */
    public NodeStyle style() {
        return style;
    }

    /** Where a layer's box is on screen (its centre, in this view's coordinates); null when not drawn. */
    public double[] screenPosition(int layer) {
        Diagram.Node n = node(nodeOfLayer.get(layer));
        return n == null ? null : new double[] {translateX + n.x() * scale, translateY + n.y() * scale};
    }

    // ---- drawing ----

    private void diagramChanged(Diagram was, Diagram d) {
        Map<Integer, String> map = new HashMap<>();
        if (d != null) {
            for (Diagram.Node n : d.nodes()) {
                for (int i : n.layers()) {
                    map.put(i, n.id());
                }
            }
        }
        nodeOfLayer = map;
        // A new model is fitted; a new variant of the same model keeps the view, so boxes stay where the eye is.
        if (was == null || fitPending || d == null || !d.title().equals(was.title())) {
            fitPending = true;
        }
        restyle();
        if (fitPending) {
            firstView();
        }
    }

    private void restyle() {
        Diagram d = model.diagramProperty().get();
        Overlay overlay = model.overlayProperty().get();
        if (d == null) {
            style = NodeStyle.CATEGORIES;
        } else if (overlay == Overlay.OP_TYPE) {
            style = NodeStyle.CATEGORIES;
        } else {
            style = new HeatStyle(overlay == Overlay.TIME ? "time" : overlay == Overlay.MAC ? "MAC" : "mult-adds",
                    HeatShares.of(overlay, d, model.variant(), model.measurementProperty().get()));
        }
        List<NodeStyle.LegendEntry> entries = d == null ? List.of() : style.legend(d);
        // Rebuilt only when it changes: new nodes cost a CSS pass on every knob tick.
        if (!entries.equals(legendEntries) || !overlay.equals(legendOverlay)) {
            legendEntries = entries;
            legendOverlay = overlay;
            showLegend(overlay, entries);
        }
        redraw();
    }

    private void showLegend(Overlay overlay, List<NodeStyle.LegendEntry> entries) {
        legend.getChildren().clear();
        if (entries.isEmpty()) {
            return;
        }
        Label title = new Label(overlay.toString());
        title.getStyleClass().add("legend-title");
        legend.getChildren().add(title);
        for (NodeStyle.LegendEntry e : entries) {
            Rectangle swatch = new Rectangle(18, 11, FxSurface.fx(e.color().lighter(
                    style == NodeStyle.CATEGORIES ? 0.84 : 0)));
            swatch.setStroke(FxSurface.fx(e.color()));
            swatch.setArcWidth(4);
            swatch.setArcHeight(4);
            HBox row = new HBox(7, swatch, new Label(e.label()));
            row.setAlignment(Pos.CENTER_LEFT);
            legend.getChildren().add(row);
        }
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            if (fitPending) {
                firstView();
            } else {
                redraw();
            }
        }
        legend.autosize();
        legend.relocate(w - legend.getWidth() - 12, 12);
        overlays.resize(w, h);
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        Diagram d = model.diagramProperty().get();
        if (d == null) {
            return;
        }
        g.setTransform(scale, 0, 0, scale, translateX, translateY);
        FxSurface surface = new FxSurface(g, -translateX / scale, -translateY / scale,
                (canvas.getWidth() - translateX) / scale, (canvas.getHeight() - translateY) / scale, scale);
        int selected = model.selectedLayerProperty().get();
        DiagramPainter.paintGraph(d, surface, 0, 0, style, selected < 0 ? null : nodeOfLayer.get(selected));
        g.setTransform(1, 0, 0, 1, 0, 0);
    }

    // ---- mouse ----

    private void pressed(MouseEvent e) {
        dragX = e.getX();
        dragY = e.getY();
        dragged = false;
        tooltip.setVisible(false);
    }

    private void dragged(MouseEvent e) {
        translateX += e.getX() - dragX;
        translateY += e.getY() - dragY;
        dragged |= Math.abs(e.getX() - dragX) + Math.abs(e.getY() - dragY) > 0;
        dragX = e.getX();
        dragY = e.getY();
        redraw();
    }

    private void released(MouseEvent e) {
        if (dragged || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Diagram.Node n = nodeAt(e.getX(), e.getY());
        if (e.getClickCount() == 2) {
            if (n != null && n.isBlock()) {
                model.toggleBlock(n.id());
            } else if (n == null) {
                Diagram.Frame f = frameAt(e.getX(), e.getY());
                if (f != null) {
                    model.toggleBlock(f.block());
                }
            }
            return;
        }
        model.selectedLayerProperty().set(n == null ? -1 : n.layers().get(0));
    }

    private void hover(MouseEvent e) {
        Diagram.Node n = nodeAt(e.getX(), e.getY());
        if (n == null) {
            tooltip.setVisible(false);
            return;
        }
        tooltip.setText(LayerFacts.text(LayerFacts.of(n, model.variant(), model.measurementProperty().get())));
        tooltip.autosize();
        double x = e.getX() + 16;
        double y = e.getY() + 16;
        if (x + tooltip.getWidth() > getWidth()) {
            x = e.getX() - tooltip.getWidth() - 8;
        }
        if (y + tooltip.getHeight() > getHeight()) {
            y = Math.max(0, e.getY() - tooltip.getHeight() - 8);
        }
        tooltip.relocate(x, y);
        tooltip.setVisible(true);
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() != 0) {
            zoomAt(e.getX(), e.getY(), Math.pow(1.0015, e.getDeltaY()));
        }
    }

    /**
     * Right-click: collapse any block around the box or frame under the pointer (innermost first), or expand the
     * collapsed block under it.
     */
    private ContextMenu blockMenu(double x, double y) {
        Diagram.Node n = nodeAt(x, y);
        ContextMenu menu = new ContextMenu();
        if (n != null && n.isBlock()) {
            MenuItem expand = new MenuItem("Expand " + n.id());
            expand.setOnAction(a -> model.toggleBlock(n.id()));
            menu.getItems().add(expand);
        } else {
            String block = n != null ? model.variant().net().layer(n.layers().get(0)).block()
                    : frameAt(x, y) == null ? "" : frameAt(x, y).block();
            while (!block.isEmpty()) {
                String b = block;
                MenuItem collapse = new MenuItem("Collapse " + b);
                collapse.setOnAction(a -> model.toggleBlock(b));
                menu.getItems().add(collapse);
                block = BlockNames.parent(block);
            }
        }
        return menu.getItems().isEmpty() ? null : menu;
    }

    /** The box under a point of the view, or null. */
    public Diagram.Node nodeAt(double x, double y) {
        Diagram d = model.diagramProperty().get();
        if (d == null) {
            return null;
        }
        double gx = (x - translateX) / scale;
        double gy = (y - translateY) / scale;
        for (Diagram.Node n : d.nodes()) {
            if (Math.abs(gx - n.x()) <= n.width() / 2 && Math.abs(gy - n.y()) <= n.height() / 2) {
                return n;
            }
        }
        return null;
    }

    /** The innermost frame around a point, or null. */
    private Diagram.Frame frameAt(double x, double y) {
        Diagram d = model.diagramProperty().get();
        if (d == null) {
            return null;
        }
        double gx = (x - translateX) / scale;
        double gy = (y - translateY) / scale;
        Diagram.Frame best = null;
        for (Diagram.Frame f : d.frames()) {
            boolean inside = gx >= f.left() && gx <= f.right() && gy >= f.top() && gy <= f.bottom();
            if (inside && (best == null || f.block().length() > best.block().length())) {
                best = f;
            }
        }
        return best;
    }

    private Diagram.Node node(String id) {
        Diagram d = model.diagramProperty().get();
        if (d == null || id == null) {
            return null;
        }
        for (Diagram.Node n : d.nodes()) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        return null;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
