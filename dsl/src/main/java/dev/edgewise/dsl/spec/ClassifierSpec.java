package dev.edgewise.dsl.spec;

/**
 * The frozen classifier that measures decoded images (Starfish's task and perceptual quality). The
 * paper's judges are ImageNet VGG16/ResNet50; no such weights are reachable here, so edgewise trains
 * its own on the original images before the codec, freezes it, and measures decoded images with it.
 */
@Doc("A classifier trained by the run on the original images (the test dataset's training items, labelled), then frozen:"
        + " one hidden ReLU layer of 'hidden' units and a softmax over the classes, Adam, cross-entropy. It measures"
        + " decoded test images: test_task_accuracy (its accuracy on them), test_perceptual_distance (mean squared"
        + " difference of its hidden activations on the decoded and the original image), and with jpeg_qualities the"
        + " efficiency at equal task accuracy and at equal perceptual distance.")
public record ClassifierSpec(
        @Doc("Units of the hidden layer (its activations are the perceptual features).") @Default("128") @Range(min = 1, max = 4096)
        int hidden,
        @Doc("Passes over the training images.") @Default("5") @Range(min = 1, max = 1000)
        int epochs,
        @Doc("Adam's learning rate.") @Default("0.001") @Range(min = 0, max = 10)
        double learningRate) {}
