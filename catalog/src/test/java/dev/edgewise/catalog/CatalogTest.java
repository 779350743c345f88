package dev.edgewise.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.links.BernoulliLinks;
import dev.edgewise.catalog.topology.Topologies;
import dev.edgewise.catalog.topology.TopologyParams;
import dev.edgewise.dsl.spec.BernoulliLinksSpec;
import org.junit.jupiter.api.Test;

class CatalogTest {

    @Test
    void holdsTheBuiltInParts() {
        Catalog catalog = new Catalog();

        assertTrue(catalog.topologies().names().contains("ring"));
        assertTrue(catalog.datasets().names().contains("mnist"));
        assertTrue(catalog.links().specs().contains(BernoulliLinksSpec.class));
    }

    @Test
    void eachCatalogHasItsOwnLinkModels() {
        Catalog catalog = new Catalog();

        assertSame(catalog.links(), catalog.links());
        assertNotSame(Catalog.shared().links(), catalog.links());
        assertInstanceOf(BernoulliLinks.class, catalog.links().create(new BernoulliLinksSpec(0.1, 0, true)));
    }

    @Test
    void theSharedCatalogIsOneInstance() {
        assertSame(Catalog.shared(), Catalog.shared());
        assertNotSame(Catalog.shared(), new Catalog());
    }

    @Test
    void aReloadedOriginReplacesItsOwnTopology() {
        Catalog catalog = new Catalog();
        catalog.registerTopology("pair-ring", p -> Topologies.ring(p.requireNodes()), "a.experiment.kts");
        assertEquals(4, catalog.topologies().create("pair-ring", TopologyParams.ofNodes(4)).edgeCount());

        catalog.registerTopology("pair-ring", p -> Topologies.line(p.requireNodes()), "a.experiment.kts");

        assertEquals(3, catalog.topologies().create("pair-ring", TopologyParams.ofNodes(4)).edgeCount());
    }

    @Test
    void anotherOriginCannotTakeANameOrABuiltIn() {
        Catalog catalog = new Catalog();
        catalog.registerTopology("pair-ring", p -> Topologies.ring(p.requireNodes()), "a.experiment.kts");

        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> catalog.registerTopology("pair-ring", p -> Topologies.ring(p.requireNodes()), "b.experiment.kts"));
        assertEquals("topology 'pair-ring' is already registered by a.experiment.kts", taken.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> catalog.registerTopology("ring", p -> Topologies.line(p.requireNodes()), "b.experiment.kts"));
        assertThrows(IllegalArgumentException.class,
                () -> catalog.registerDataset("mnist", cache -> null, "b.experiment.kts"));
    }
}
