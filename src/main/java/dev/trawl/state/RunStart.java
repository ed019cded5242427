package dev.trawl.state;
public record RunStart(long run, boolean resumed, long outputLength, java.util.Set<String> admittedHosts) {}
