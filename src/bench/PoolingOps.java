import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mniststudio.model.NativeSetup;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max pooling as DL4J runs it (libnd4j's oneDNN implementation, chosen because layer helpers are on) against
 * libnd4j's own implementation of the same op (helpers refused for this one op through its OpContext), on the
 * shapes of LeNet's first pooling layer and of the bundled network's first one. Interleaved rounds in one
 * process; medians per call; the outputs of the two implementations are compared too.
 *
 *   mvn -o -q package -DskipTests
 *   java -cp 'target/classes:target/lib/*' src/bench/PoolingOps.java [rounds]
 */
public class PoolingOps {
    private static final long[] POOL_2X2 = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0};

    public static void main(String[] args) {
        NativeSetup.configure();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Nd4j.getRandom().setSeed(42);
        for (long[] shape : List.of(new long[] {64, 20, 24, 24}, new long[] {128, 32, 24, 24})) {
            INDArray in = Nd4j.rand(DataType.FLOAT, shape);
            long[] pooled = {shape[0], shape[1], shape[2] / 2, shape[3] / 2};
            INDArray gradOut = Nd4j.rand(DataType.FLOAT, pooled);
            for (String op : List.of("maxpool2d", "maxpool2d_bp")) {
                boolean backward = op.endsWith("_bp");
                INDArray[] inputs = backward ? new INDArray[] {in, gradOut} : new INDArray[] {in};
                long[] outShape = backward ? shape : pooled;
                INDArray viaOneDnn = Nd4j.create(DataType.FLOAT, outShape);
                INDArray own = Nd4j.create(DataType.FLOAT, outShape);
                List<Double> oneDnnMs = new ArrayList<>();
                List<Double> ownMs = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    oneDnnMs.addAll(time(op, inputs, viaOneDnn, true));
                    ownMs.addAll(time(op, inputs, own, false));
                }
                double a = median(oneDnnMs);
                double b = median(ownMs);
                System.out.printf("%-13s %-16s oneDNN %7.3f ms   libnd4j's own %7.3f ms   own is %.1fx faster"
                        + "   outputs differ by at most %.2g%n", op, java.util.Arrays.toString(shape), a, b, a / b,
                        viaOneDnn.sub(own).amaxNumber().doubleValue());
            }
        }
    }

    /** 20 calls after 5 unmeasured ones; ms per call. */
    private static List<Double> time(String name, INDArray[] inputs, INDArray output, boolean helpers) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            DynamicCustomOp op = DynamicCustomOp.builder(name).build();
            long start = System.nanoTime();
            try (OpContext context = Nd4j.getExecutioner().buildContext()) {
                context.allowHelpers(helpers);
                context.setIArguments(POOL_2X2);
                for (int k = 0; k < inputs.length; k++) {
                    context.setInputArray(k, inputs[k]);
                }
                context.setOutputArray(0, output);
                Nd4j.exec(op, context);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (i >= 5) {
                ms.add((System.nanoTime() - start) / 1e6);
            }
        }
        return ms;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
