/** Tests and diagnostics of the communicating C-RNN family (the GateProbe tool is issue 18's evidence). */
package dev.edgewise.engine.family.crnn;
