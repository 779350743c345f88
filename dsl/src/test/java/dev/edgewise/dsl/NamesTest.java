package dev.edgewise.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void keysAreTheSnakeCaseOfRecordComponents() {
        assertEquals("train_samples", Names.snakeCase("trainSamples"));
        assertEquals("seed", Names.snakeCase("seed"));
    }

    @Test
    void distanceIsLevenshtein() {
        assertEquals(0, Names.distance("ring", "ring"));
        assertEquals(3, Names.distance("kitten", "sitting"));
        assertEquals(4, Names.distance("", "star"));
    }

    @Test
    void suggestsOnlyPlausibleSlips() {
        List<String> known = List.of("star", "ring", "random-geometric", "mnist");
        assertEquals("ring", Names.nearest("rnig", known));
        assertEquals("mnist", Names.nearest("MNSIT", known));
        assertEquals("random-geometric", Names.nearest("random_geometrc", known));
        assertNull(Names.nearest("cifar10", known));
    }

    @Test
    void aPrefixEitherWayIsASlip() {
        assertEquals("max", Names.nearest("maximum", List.of("max", "mean", "sum")));
        assertEquals("train_samples", Names.nearest("train", List.of("train_samples", "test_samples")));
    }

    @Test
    void tiesGoToTheFirstNameInSortOrder() {
        assertEquals("bat", Names.nearest("cat", List.of("rat", "bat")));
    }
}
