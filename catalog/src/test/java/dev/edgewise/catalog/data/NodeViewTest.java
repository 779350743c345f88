package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.edgewise.catalog.layers.TensorShape;
import dev.edgewise.dsl.spec.DataSpec.View;
import org.junit.jupiter.api.Test;

class NodeViewTest {

    /** A 4x4 item whose value is 10 * row + column, so every copied value says where it came from. */
    static final float[] ITEM = new float[16];

    static {
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                ITEM[r * 4 + c] = 10 * r + c;
            }
        }
    }

    private static float[] part(NodeView view, int node) {
        float[] out = new float[(int) view.shape(4, 4).elements()];
        view.copy(ITEM, 0, 4, 4, node, out, 0);
        return out;
    }

    @Test
    void quadrantsAreTheFourQuartersRowByRowFromTheTopLeft() {
        NodeView quadrants = new NodeView(View.QUADRANTS, 2);

        assertEquals(4, quadrants.requiredNodes(4, 4));
        assertEquals(TensorShape.of(1, 2, 2), quadrants.shape(4, 4));
        assertArrayEquals(new float[] {0, 1, 10, 11}, part(quadrants, 0));
        assertArrayEquals(new float[] {2, 3, 12, 13}, part(quadrants, 1));
        assertArrayEquals(new float[] {20, 21, 30, 31}, part(quadrants, 2));
        assertArrayEquals(new float[] {22, 23, 32, 33}, part(quadrants, 3));
    }

    @Test
    void patchesAreKByKTiles() {
        NodeView patches = new NodeView(View.PATCHES, 4);

        assertEquals(16, patches.requiredNodes(4, 4));
        assertArrayEquals(new float[] {0}, part(patches, 0));
        assertArrayEquals(new float[] {12}, part(patches, 6));
        assertArrayEquals(new float[] {33}, part(patches, 15));
        assertThrows(IllegalArgumentException.class, () -> new NodeView(View.PATCHES, 3).shape(4, 4), "4 does not split into 3");
    }

    @Test
    void columnsGiveEachNodeOneColumnTopToBottom() {
        NodeView columns = new NodeView(View.COLUMNS, 1);

        assertEquals(4, columns.requiredNodes(4, 4));
        assertEquals(TensorShape.of(1, 4, 1), columns.shape(4, 4));
        assertArrayEquals(new float[] {2, 12, 22, 32}, part(columns, 2));
    }

    @Test
    void wholeAndItemGiveEveryNodeTheWholeItemForAnyNumberOfNodes() {
        for (View view : new View[] {View.WHOLE, View.ITEM}) {
            NodeView whole = new NodeView(view, 1);
            assertEquals(0, whole.requiredNodes(4, 4));
            assertArrayEquals(ITEM, part(whole, 3));
        }
    }

    @Test
    void copiesFromAnItemAtAnOffsetIntoAnOffset() {
        float[] two = new float[32];
        System.arraycopy(ITEM, 0, two, 16, 16);
        float[] out = new float[6];
        new NodeView(View.QUADRANTS, 2).copy(two, 16, 4, 4, 3, out, 2);
        assertArrayEquals(new float[] {0, 0, 22, 23, 32, 33}, out);
    }

    @Test
    void colourItemsAreCutPlaneByPlaneIntoThePartsOfEachChannel() {
        // Three 2x2 planes: red 0-3, green 10-13, blue 20-23.
        float[] rgb = {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23};
        NodeView quadrants = new NodeView(View.QUADRANTS, 2);
        assertEquals(TensorShape.of(3, 1, 1), quadrants.shape(3, 2, 2));
        float[] out = new float[3];
        quadrants.copy(rgb, 0, 3, 2, 2, 3, out, 0);
        assertArrayEquals(new float[] {3, 13, 23}, out, "the bottom-right pixel of each plane, red first");

        NodeView whole = new NodeView(View.WHOLE, 1);
        assertEquals(TensorShape.of(3, 2, 2), whole.shape(3, 2, 2));
        float[] all = new float[12];
        whole.copy(rgb, 0, 3, 2, 2, 0, all, 0);
        assertArrayEquals(rgb, all);
    }

    @Test
    void aColourDatasetHoldsThreePlanesPerImage() {
        float[] pixels = new float[2 * 3 * 2 * 2];
        pixels[12] = 1f;
        ImageDataset data = new ImageDataset("c", "test", "sha256:00", 2, 2, pixels, new int[] {0, 1}, 8, 0, 3);
        assertEquals(12, data.valuesPerImage());
        assertEquals(1f, data.image(1)[0], "image 1 starts after image 0's three planes");
        assertThrows(IllegalArgumentException.class, () -> new ImageDataset("c", "test", "sha256:00", 2, 2, new float[8], new int[] {0, 1}, 8, 0, 3),
                "8 values are two grey 2x2 images, not two colour ones");
        assertThrows(IllegalArgumentException.class, () -> new ImageDataset("c", "test", "sha256:00", 2, 2, new float[16], new int[] {0, 1}, 8, 0, 2));
    }
}
