package org.mniststudio.model;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads the binary array format of {@code Nd4j.write} (what ModelSerializer stores as coefficients.bin and
 * updaterState.bin) in plain Java, checking every length before anything is allocated.
 *
 * <p>Why not {@code Nd4j.read}: it hands the lengths and shape found in the file straight to native
 * allocation, and a damaged or hostile file then crashes the whole JVM (a SIGSEGV in libc, found by the
 * fuzz test), which no catch block can report. Here the values are read into a Java array first and only
 * a checked, plain row vector is given to ND4J.
 *
 * <p>The format: two buffers, shape information then data, each a header (allocation mode as UTF, length
 * as int or long depending on the mode, data type as UTF) followed by the values.
 */
final class Nd4jArrayReader {
    private static final int MAX_RANK = 8;

    private Nd4jArrayReader() {
    }

    /** The array's values as a {@code [1, expected]} float row; throws if it does not hold exactly that many. */
    static INDArray readRow(byte[] bytes, long expected, String what) throws ModelFileException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            // shape information: rank, shape, stride, extras, element-wise stride, order
            Header shapeHeader = header(in, bytes.length, what);
            if (shapeHeader.type != DataType.LONG && shapeHeader.type != DataType.INT) {
                throw new ModelFileException(what + " has a shape of type " + shapeHeader.type);
            }
            if (shapeHeader.length < 6 || shapeHeader.length > 2L * MAX_RANK + 4) {
                throw new ModelFileException(what + " has a shape record of impossible length " + shapeHeader.length);
            }
            long[] shapeInfo = new long[(int) shapeHeader.length];
            for (int i = 0; i < shapeInfo.length; i++) {
                shapeInfo[i] = shapeHeader.type == DataType.LONG ? in.readLong() : in.readInt();
            }
            long rank = shapeInfo[0];
            if (rank < 1 || rank > MAX_RANK || shapeInfo.length != 2 * rank + 4) {
                throw new ModelFileException(what + " has an impossible rank " + rank);
            }
            long count = 1;
            for (int i = 1; i <= rank; i++) {
                if (shapeInfo[i] < 0 || shapeInfo[i] > Integer.MAX_VALUE) {
                    throw new ModelFileException(what + " has an impossible dimension " + shapeInfo[i]);
                }
                count *= shapeInfo[i];
                if (count > Integer.MAX_VALUE) {
                    throw new ModelFileException(what + " claims more values than any network here has");
                }
            }
            if (count != expected) {
                throw new ModelFileException(what + " holds " + count + " values; the network needs " + expected);
            }
            Header dataHeader = header(in, bytes.length, what);
            if (dataHeader.length != count) {
                throw new ModelFileException(what + " declares " + dataHeader.length + " values but its shape "
                        + count);
            }
            int width = switch (dataHeader.type) {
                case FLOAT -> 4;
                case DOUBLE -> 8;
                default -> throw new ModelFileException(what + " stores values of type " + dataHeader.type
                        + "; only FLOAT and DOUBLE are read");
            };
            if (in.available() != count * width) {
                throw new ModelFileException(what + " should hold " + count * width + " bytes of values but holds "
                        + in.available() + ": truncated or corrupt");
            }
            float[] values = new float[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = width == 4 ? in.readFloat() : (float) in.readDouble();
            }
            return Nd4j.create(values, new long[] {1, count}, 'c');
        } catch (ModelFileException e) {
            throw e;
        } catch (EOFException e) {
            throw new ModelFileException(what + " is truncated", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(what + " is corrupt (" + e.getMessage() + ")", e);
        }
    }

    private record Header(long length, DataType type) {
    }

    private static Header header(DataInputStream in, int available, String what) throws IOException {
        String modeName;
        String typeName;
        long length;
        try {
            modeName = in.readUTF();
            DataBuffer.AllocationMode mode = DataBuffer.AllocationMode.valueOf(modeName);
            // ND4J writes the length as an int for the old modes and as a long from LONG_SHAPE on
            length = mode.ordinal() < DataBuffer.AllocationMode.LONG_SHAPE.ordinal() ? in.readInt() : in.readLong();
            typeName = in.readUTF();
        } catch (UTFDataFormatException e) {
            throw new ModelFileException(what + " has a corrupt header", e);
        }
        if (length < 0 || length > available) {
            throw new ModelFileException(what + " claims " + length + " values in a file of " + available + " bytes");
        }
        return new Header(length, DataType.valueOf(typeName));
    }
}
