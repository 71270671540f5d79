package io.archexplorer.app.window;

import java.util.function.Predicate;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableColumnBase;

/** Looks the panels' tables share, for plain tables and tree tables alike. */
final class TableStyles {
    private TableStyles() {
    }

    /** Figures right-aligned, so their digits line up. */
    static <C extends TableColumnBase<?, ?>> C rightAligned(C column) {
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }

    /** A row in bold while its item passes {@code bold} (a subtotal, the baseline). */
    static <T, R extends IndexedCell<T>> R boldWhen(R row, Predicate<T> bold) {
        row.itemProperty().addListener((o, was, item) ->
                row.setStyle(item != null && bold.test(item) ? "-fx-font-weight: bold;" : ""));
        return row;
    }
}
