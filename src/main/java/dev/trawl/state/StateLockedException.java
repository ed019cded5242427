package dev.trawl.state;
public final class StateLockedException extends Exception { public long pid() { return -1; } }
