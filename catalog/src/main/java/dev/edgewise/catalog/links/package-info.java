/**
 * Link models: how transmissions between nodes fail, in one pure-Java implementation every model
 * family shares (peer exchange rounds of the C-RNN, one upward pass to a base station, a packetised
 * image codec). A family describes who sends what to whom in one sample as a {@link
 * dev.edgewise.catalog.links.LinkShape}, asks its {@link dev.edgewise.catalog.links.LinkModel} for a
 * {@link dev.edgewise.catalog.links.LinkDraw} of a batch, and reads the masks and counts it needs
 * from it; adjacency, tensors and byte accounting stay with the family.
 *
 * <p>Built-in models: {@link dev.edgewise.catalog.links.BernoulliLinks} (independent loss per
 * message), {@link dev.edgewise.catalog.links.GilbertElliottLinks} (bursty loss from a two-state
 * Markov chain per directed link) and {@link dev.edgewise.catalog.links.PacketLinks} (a message split
 * into packets, each lost on its own). Every model draws only from the {@code SplittableRandom} it
 * is given, in a fixed, documented order, so a seed names one draw.
 *
 * <p>{@link dev.edgewise.catalog.links.LinkModel} and {@link
 * dev.edgewise.catalog.links.LinkModelRegistry} are public SPI: a project adds a link model of its
 * own by writing a spec record implementing {@link dev.edgewise.dsl.spec.LinksSpec}, registering it
 * as a kind with {@code SpecVariants.register(LinksSpec.class, MyLinksSpec.class)}, and registering
 * its model with {@code Catalog.shared().links().register(MyLinksSpec.class, MyLinks::new)}.
 */
package dev.edgewise.catalog.links;
