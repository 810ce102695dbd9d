package dev.htmxws.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest; touches no other library, so --version starts fast. */
final class VersionProvider implements IVersionProvider {

    static String version() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"htmxws " + version() + " (Java " + System.getProperty("java.version") + ")"};
    }
}
