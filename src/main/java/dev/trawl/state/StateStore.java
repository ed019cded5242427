package dev.trawl.state;
public final class StateStore implements AutoCloseable {
    public static StateStore open(java.nio.file.Path file) throws StateLockedException, StateException { throw new StateException("stub"); }
    public RunStart beginRun(java.util.Optional<java.nio.file.Path> output, java.util.Optional<java.time.Duration> recrawlAfter, java.time.Clock clock) throws StateException { return null; }
    public dev.trawl.frontier.Frontier frontier(int maxDepth, int window, dev.trawl.frontier.Admission admission) { return null; }
    public void admitHost(String host) {}
    public java.util.Optional<Previous> previous(String url) { return java.util.Optional.empty(); }
    public void finish(dev.trawl.frontier.Task task, java.util.List<String> links, FetchFacts facts, byte[] line) {}
    public void output(java.nio.file.Path file) throws java.io.IOException {}
    public void output(java.io.OutputStream stream) {}
    public void commit() throws java.io.IOException {}
    public void onOutputFailure(java.util.function.Consumer<java.io.IOException> listener) {}
    public void endRun(boolean finished) throws java.io.IOException {}
    @Override public void close() {}
}
