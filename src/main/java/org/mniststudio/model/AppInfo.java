package org.mniststudio.model;

/** The application's name and version (from the jar's manifest; "dev" when run from classes). */
public final class AppInfo {
    public static final String NAME = "MNIST Studio";

    private AppInfo() {
    }

    public static String version() {
        String v = AppInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
