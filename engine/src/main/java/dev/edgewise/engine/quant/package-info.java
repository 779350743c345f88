/**
 * Weight storage precision for any family: float32, fp16, and symmetric 8- and 4-bit integers
 * with one scale per tensor or per output channel; exact packed bytes; rounding after training
 * (PTQ) and quantization-aware training through float shadow weights (QAT, a straight-through
 * estimator). Nothing here knows a family: it works on a DJL block's parameters.
 */
package dev.edgewise.engine.quant;
