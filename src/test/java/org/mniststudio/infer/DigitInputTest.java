package org.mniststudio.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DigitInputTest {
    @Test
    void pixelsAreCopiedInAndOut() {
        float[] values = new float[784];
        values[28 * 3 + 5] = 0.75f;
        DigitInput digit = DigitInput.of(values);
        values[28 * 3 + 5] = 0f;
        digit.pixels()[28 * 3 + 5] = 0f;

        assertEquals(0.75f, digit.get(5, 3));
        assertTrue(digit.isDigit());
        assertEquals(digit, DigitInput.of(digit.pixels()));
    }

    @Test
    void noDigitIsEmptyAndBlank() {
        assertFalse(DigitInput.NO_DIGIT.isDigit());
        assertTrue(DigitInput.NO_DIGIT.empty());
        for (float v : DigitInput.NO_DIGIT.pixels()) {
            assertEquals(0f, v);
        }
    }

    @Test
    void refusesWrongLengthAndValuesOutsideUnitRange() {
        assertThrows(IllegalArgumentException.class, () -> DigitInput.of(new float[783]));
        float[] values = new float[784];
        values[9] = 1.5f;
        assertThrows(IllegalArgumentException.class, () -> DigitInput.of(values));
        values[9] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> DigitInput.of(values));
        assertThrows(IndexOutOfBoundsException.class, () -> DigitInput.NO_DIGIT.get(28, 0));
    }
}
