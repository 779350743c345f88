package dev.edgewise.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackersTest {

    private static final Path DEFAULT = Path.of("mlruns");

    @Test
    void noUriMeansTheFileStoreAtTheGivenRoot() {
        MlflowFileStore store = assertInstanceOf(MlflowFileStore.class, Trackers.fromEnvironment(Map.of(), DEFAULT));
        assertEquals(DEFAULT.toAbsolutePath().normalize(), store.root());
        assertInstanceOf(MlflowFileStore.class, Trackers.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", " "), DEFAULT));
    }

    @Test
    void httpUriMeansTheRestTracker() {
        RunSink sink = Trackers.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000"), DEFAULT);
        MlflowRestTracker rest = assertInstanceOf(MlflowRestTracker.class, sink);
        assertEquals("http://127.0.0.1:5000", rest.trackingUri());
        assertInstanceOf(MlflowRestTracker.class,
                Trackers.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", "https://mlflow.example.org/"), DEFAULT));
    }

    @Test
    void fileUrisAndPlainPathsMeanAFileStoreThere() {
        MlflowFileStore abs = assertInstanceOf(MlflowFileStore.class,
                Trackers.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", "file:///tmp/my%20runs"), DEFAULT));
        assertEquals(Path.of("/tmp/my runs"), abs.root());
        MlflowFileStore host = assertInstanceOf(MlflowFileStore.class,
                Trackers.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", "file://localhost/tmp/x"), DEFAULT));
        assertEquals(Path.of("/tmp/x"), host.root());
        MlflowFileStore rel = assertInstanceOf(MlflowFileStore.class,
                Trackers.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", "file:./elsewhere"), DEFAULT));
        assertEquals(Path.of("elsewhere").toAbsolutePath().normalize(), rel.root());
        MlflowFileStore plain = assertInstanceOf(MlflowFileStore.class,
                Trackers.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", "/srv/mlruns"), DEFAULT));
        assertEquals(Path.of("/srv/mlruns"), plain.root());
    }

    @Test
    void otherUrisAreRefusedClearly() {
        for (String uri : new String[] {"sqlite:///mlflow.db", "postgresql://db/mlflow", "databricks", "s3://b/x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Trackers.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", uri), DEFAULT), uri);
            assertTrue(e.getMessage().contains(uri) && e.getMessage().contains("http://"), e.getMessage());
        }
    }
}
