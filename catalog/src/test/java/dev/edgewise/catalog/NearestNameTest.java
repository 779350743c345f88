package dev.edgewise.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearestNameTest {

    @Test
    void distance() {
        assertEquals(0, NearestName.distance("ring", "ring"));
        assertEquals(3, NearestName.distance("kitten", "sitting"));
        assertEquals(4, NearestName.distance("", "star"));
    }

    @Test
    void suggestsOnlyPlausibleTypos() {
        List<String> known = List.of("star", "ring", "random-geometric", "mnist");
        assertEquals(Optional.of("ring"), NearestName.among("rnig", known));
        assertEquals(Optional.of("mnist"), NearestName.among("MNSIT", known));
        assertEquals(Optional.of("random-geometric"), NearestName.among("random_geometrc", known));
        assertEquals(Optional.empty(), NearestName.among("cifar10", known));
    }

    @Test
    void tiesGoToTheFirstNameInSortOrder() {
        assertEquals(Optional.of("bat"), NearestName.among("cat", List.of("rat", "bat")));
    }
}
