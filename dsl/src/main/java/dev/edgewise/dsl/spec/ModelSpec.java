package dev.edgewise.dsl.spec;

/**
 * What the nodes compute: the model family and its settings. The kind names the family (a plug-in
 * of the engine's catalog), and only that family's keys may follow it.
 */
@Doc("What each node computes. kind names the model family: crnn (the communicating C-RNN: a CNN extractor feeding a"
        + " recurrent cell, weights tied across nodes), split (split inference: a sensor layer stack on every node, a base"
        + " station stack), codec (a learned image codec: a camera encodes, a gateway decodes), jpeg (the JPEG baseline) or lstm (an LSTM forecaster for a"
        + " microcontroller); plug-ins add"
        + " more.")
@Variants({CrnnModelSpec.class, SplitModelSpec.class, CodecModelSpec.class, JpegModelSpec.class, LstmModelSpec.class, LoraNetworkModelSpec.class})
public interface ModelSpec extends VariantSpec {}
