package dev.edgewise.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.Names;
import dev.edgewise.dsl.builder.Base;
import dev.edgewise.dsl.builder.Cell;
import dev.edgewise.dsl.builder.Quantization;
import dev.edgewise.dsl.builder.Sensor;
import dev.edgewise.dsl.spec.BaseSpec;
import dev.edgewise.dsl.spec.QuantizationSpec;
import dev.edgewise.dsl.spec.ReconstructionTaskSpec;
import dev.edgewise.dsl.spec.SensorSpec;
import dev.edgewise.dsl.builder.Data;
import dev.edgewise.dsl.builder.Evaluation;
import dev.edgewise.dsl.builder.Exchange;
import dev.edgewise.dsl.builder.Experiment;
import dev.edgewise.dsl.builder.Extractor;
import dev.edgewise.dsl.builder.Links;
import dev.edgewise.dsl.builder.Loss;
import dev.edgewise.dsl.builder.Model;
import dev.edgewise.dsl.builder.Pretrain;
import dev.edgewise.dsl.builder.Task;
import dev.edgewise.dsl.builder.Topology;
import dev.edgewise.dsl.builder.Tracking;
import dev.edgewise.dsl.builder.Training;
import dev.edgewise.dsl.spec.CellSpec;
import dev.edgewise.dsl.spec.SpecVariants;
import dev.edgewise.dsl.spec.CommunicationTermSpec;
import dev.edgewise.dsl.spec.TaskTermSpec;
import dev.edgewise.dsl.spec.ClassificationTaskSpec;
import dev.edgewise.dsl.spec.CodecModelSpec;
import dev.edgewise.dsl.spec.MaxParityTaskSpec;
import dev.edgewise.dsl.spec.MaxTaskSpec;
import dev.edgewise.dsl.spec.MsSsimTermSpec;
import dev.edgewise.dsl.spec.PacketLinksSpec;
import dev.edgewise.dsl.spec.GilbertElliottLinksSpec;
import dev.edgewise.dsl.spec.JpegModelSpec;
import dev.edgewise.dsl.spec.BernoulliLinksSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import dev.edgewise.dsl.spec.PeerExchangeSpec;
import dev.edgewise.dsl.spec.SplitModelSpec;
import dev.edgewise.dsl.spec.CrnnModelSpec;
import dev.edgewise.dsl.spec.DataSpec;
import dev.edgewise.dsl.spec.EvaluationSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.ExtractorSpec;
import dev.edgewise.dsl.spec.LossSpec;
import dev.edgewise.dsl.spec.PretrainSpec;
import dev.edgewise.dsl.spec.ReferenceRow;
import dev.edgewise.dsl.spec.ReferenceSpec;
import dev.edgewise.dsl.spec.TopologySpec;
import dev.edgewise.dsl.spec.TrackingSpec;
import dev.edgewise.dsl.sweep.SweepSpec;
import dev.edgewise.dsl.spec.TrainingSpec;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every key of the spec records can be set from Java and from Kotlin by its own name. A key added
 * to a record fails this test until the builder and the script DSL have it too (meanwhile both
 * can reach it with {@code set("key", value)}).
 */
class DslCoverageTest {

    /** Each section record (each kind of a section chosen by kind) with its Java builder class and its Kotlin scope. */
    static final Map<Class<?>, List<Class<?>>> FRONT_ENDS = Map.ofEntries(
            Map.entry(ExperimentSpec.class, List.of(Experiment.class, ExperimentScope.class)),
            // graph and its parameters are set through Topology values, not one property each.
            Map.entry(TopologySpec.class, List.of(Topology.class, Experiment.class)),
            Map.entry(DataSpec.class, List.of(Data.class, DataScope.class)),
            Map.entry(dev.edgewise.dsl.spec.CsvFileSpec.class, List.of(dev.edgewise.dsl.builder.DataFiles.Csv.class, CsvFileScope.class)),
            Map.entry(dev.edgewise.dsl.spec.IdxFileSpec.class, List.of(dev.edgewise.dsl.builder.DataFiles.Idx.class, IdxFileScope.class)),
            Map.entry(dev.edgewise.dsl.spec.ImageFolderSpec.class, List.of(dev.edgewise.dsl.builder.DataFiles.Images.class, ImagesScope.class)),
            Map.entry(dev.edgewise.dsl.spec.NpyFileSpec.class, List.of(dev.edgewise.dsl.builder.DataFiles.Npy.class, NpyFileScope.class)),
            Map.entry(CrnnModelSpec.class, List.of(Model.Crnn.class, CrnnScope.class)),
            Map.entry(SplitModelSpec.class, List.of(Model.Split.class, SplitScope.class)),
            Map.entry(CodecModelSpec.class, List.of(Model.Codec.class, CodecScope.class)),
            Map.entry(dev.edgewise.dsl.spec.ClassifierSpec.class, List.of(Model.Classifier.class, ClassifierScope.class)),
            Map.entry(JpegModelSpec.class, List.of(Model.Jpeg.class, JpegScope.class)),
            Map.entry(dev.edgewise.dsl.spec.LoraNetworkModelSpec.class, List.of(Model.LoraNetwork.class, LoraNetworkScope.class)),
            Map.entry(dev.edgewise.dsl.spec.LstmModelSpec.class, List.of(Model.Lstm.class, LstmScope.class)),
            Map.entry(dev.edgewise.dsl.spec.WeightsSpec.class, List.of(dev.edgewise.dsl.builder.Weights.class, WeightsScope.class)),
            Map.entry(dev.edgewise.dsl.spec.DevicesSpec.class, List.of(dev.edgewise.dsl.builder.Devices.class, DevicesScope.class)),
            Map.entry(dev.edgewise.dsl.spec.ForecastingTaskSpec.class, List.of(Task.Forecasting.class, ForecastingScope.class)),
            Map.entry(ExtractorSpec.class, List.of(Extractor.class, ExtractorScope.class)),
            Map.entry(PretrainSpec.class, List.of(Pretrain.class, PretrainScope.class)),
            Map.entry(CellSpec.class, List.of(Cell.class, CellScope.class)),
            Map.entry(PeerExchangeSpec.class, List.of(Exchange.Peer.class, PeerScope.class)),
            Map.entry(UpwardExchangeSpec.class, List.of(Exchange.Upward.class, UpwardScope.class)),
            Map.entry(dev.edgewise.dsl.spec.LogitSendSpec.class, List.of(dev.edgewise.dsl.builder.Sends.Logit.class, LogitSendScope.class)),
            Map.entry(BernoulliLinksSpec.class, List.of(Links.Bernoulli.class, BernoulliScope.class)),
            Map.entry(GilbertElliottLinksSpec.class, List.of(Links.GilbertElliott.class, GilbertElliottScope.class)),
            Map.entry(PacketLinksSpec.class, List.of(Links.Packets.class, PacketsScope.class)),
            Map.entry(dev.edgewise.dsl.spec.LoraLinksSpec.class, List.of(Links.Lora.class, LoraScope.class)),
            Map.entry(dev.edgewise.dsl.spec.LoraLoadSpec.class, List.of(Links.LoraLoad.class, LoraLoadScope.class)),
            // The tasks have no keys but their kind: Task.max() etc., used as they are from Kotlin.
            Map.entry(MaxTaskSpec.class, List.of(Task.class, ExperimentScope.class)),
            Map.entry(MaxParityTaskSpec.class, List.of(Task.class, ExperimentScope.class)),
            Map.entry(ClassificationTaskSpec.class, List.of(Task.class, ExperimentScope.class)),
            Map.entry(ReconstructionTaskSpec.class, List.of(Task.Reconstruction.class, ReconstructionScope.class)),
            Map.entry(LossSpec.class, List.of(Loss.class, LossScope.class)),
            Map.entry(TaskTermSpec.class, List.of(Loss.Task.class, TaskTermScope.class)),
            Map.entry(CommunicationTermSpec.class, List.of(Loss.Communication.class, CommunicationScope.class)),
            Map.entry(MsSsimTermSpec.class, List.of(Loss.MsSsim.class, MsSsimScope.class)),
            Map.entry(dev.edgewise.dsl.spec.PerceptualTermSpec.class, List.of(Loss.Perceptual.class, PerceptualTermScope.class)),
            Map.entry(dev.edgewise.dsl.spec.ClassificationTermSpec.class, List.of(Loss.Classification.class, ClassificationTermScope.class)),
            Map.entry(TrainingSpec.class, List.of(Training.class, TrainingScope.class)),
            Map.entry(EvaluationSpec.class, List.of(Evaluation.class, EvaluationScope.class)),
            Map.entry(TrackingSpec.class, List.of(Tracking.class, TrackingScope.class)),
            Map.entry(dev.edgewise.dsl.spec.RuntimeSpec.class, List.of(dev.edgewise.dsl.builder.RuntimeSection.class, RuntimeScope.class)),
            Map.entry(QuantizationSpec.class, List.of(Quantization.class, QuantizationScope.class)),
            Map.entry(SensorSpec.class, List.of(Sensor.class, SensorScope.class)),
            Map.entry(BaseSpec.class, List.of(Base.class, BaseScope.class)));

    /**
     * A YAML file sweeps with a {@code sweep:} block; code sweeps with a loop that builds one
     * experiment per point (see experiments/topologies.experiment.kts), so the code front ends
     * have no sweep section on purpose. A reference block's rows are matched against a YAML
     * sweep's points, so it goes with them (code can still reach it with {@code set}). A search
     * is expanded like a sweep, from the file's YAML tree (each configuration bound like the file),
     * so it is YAML-only for the same reason.
     */
    static final Set<Class<?>> YAML_ONLY = Set.of(SweepSpec.class, ReferenceSpec.class, ReferenceRow.class,
            dev.edgewise.dsl.sweep.SearchSpec.class);

    @Test
    void everySectionRecordHasABuilderAndAScope() {
        Set<Class<?>> sections = new LinkedHashSet<>();
        collectSections(ExperimentSpec.class, sections);

        assertEquals(sections, FRONT_ENDS.keySet(), "add a builder section and a Kotlin scope for each new section record");
    }

    @Test
    void everyKeyHasAJavaMethodAndAKotlinMember() {
        List<String> missing = new ArrayList<>();
        FRONT_ENDS.forEach((record, classes) -> {
            for (RecordComponent component : record.getRecordComponents()) {
                if (YAML_ONLY.contains(component.getType()) || keyedVariants(component)) {
                    // A map whose keys are kinds (loss.terms) is set one kind at a time (task, communication, term):
                    // those kinds' records are checked as sections of their own.
                    continue;
                }
                boolean covered = classes.stream().anyMatch(c -> has(c, component.getName()));
                if (!covered && !(record == TopologySpec.class && component.getName().equals("graph"))) {
                    missing.add(record.getSimpleName() + "." + component.getName() + " (YAML '" + Names.snakeCase(component.getName())
                            + "') in " + classes.stream().map(Class::getSimpleName).toList());
                }
                if (record != TopologySpec.class && !has(classes.get(1), component.getName())) {
                    missing.add(record.getSimpleName() + "." + component.getName() + " in Kotlin " + classes.get(1).getSimpleName());
                }
            }
        });

        assertTrue(missing.isEmpty(), "keys without a typed setter: " + missing);
    }

    /** A Java method of that name, or a Kotlin property (getter and setter) or block function. */
    private static boolean has(Class<?> type, String name) {
        String getter = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return Arrays.stream(type.getMethods()).map(Method::getName).anyMatch(m -> m.equals(name) || m.equals(getter));
    }

    private static boolean keyedVariants(RecordComponent component) {
        return Map.class.equals(component.getType()) && component.getGenericType() instanceof ParameterizedType map
                && map.getActualTypeArguments()[1] instanceof Class<?> value && SpecVariants.isSection(value);
    }

    private static void collectSections(Class<?> record, Set<Class<?>> into) {
        into.add(record);
        for (RecordComponent component : record.getRecordComponents()) {
            Class<?> type = component.getType();
            if (type.isRecord() && !YAML_ONLY.contains(type)) {
                collectSections(type, into);
            } else if (SpecVariants.isSection(type)) {
                SpecVariants.of(type).values().forEach(variant -> collectSections(variant, into));
            } else if (keyedVariants(component)) {
                Class<?> value = (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[1];
                SpecVariants.of(value).values().forEach(variant -> collectSections(variant, into));
            }
        }
    }
}
