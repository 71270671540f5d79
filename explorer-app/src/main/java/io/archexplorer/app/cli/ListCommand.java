package io.archexplorer.app.cli;

import io.archexplorer.app.report.CatalogListing;
import io.archexplorer.samples.Catalog;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code explorer list}: families, presets and knobs. */
public final class ListCommand implements Command {
    private final Catalog catalog;

    public ListCommand(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String synopsis() {
        return "list [--format table|json]";
    }

    @Override
    public String summary() {
        return "families, presets, and knobs with defaults and allowed values";
    }

    @Override
    public int run(List<String> words, PrintStream out) throws IOException {
        Arguments a = Arguments.parse(name(), words, Set.of("format"));
        if (!a.positional().isEmpty()) {
            throw new UsageException("list takes no model, got " + String.join(" ", a.positional()));
        }
        if (a.choice("format", "table", List.of("table", "json")).equals("json")) {
            CatalogListing.writeJson(catalog, out);
        } else {
            CatalogListing.printTable(catalog, out);
        }
        return 0;
    }
}
