package dev.trawl.cli;

import dev.trawl.config.TrawlVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code trawl --version}. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"trawl " + TrawlVersion.current()};
    }
}
