package org.mniststudio.ui.common;

import java.util.Locale;

/** Numbers the way the window shows them. */
public final class Format {
    private Format() {
    }

    /** 0.9913 -> "99.13 %" */
    public static String percent(double share, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f %%", share * 100);
    }

    /** 10000 -> "10,000" */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 95 -> "1 min 35 s"; NaN or negative -> "" */
    public static String duration(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return "";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600) / 60 + " min";
    }

    /** The first line of an exception's message (or its class name): what a person reads. */
    public static String message(Throwable e) {
        Throwable t = e;
        while (t != null && (t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
