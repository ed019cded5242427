package dev.trawl.state;
public final class StateException extends Exception { public StateException(String m) { super(m); } }
