package dev.trawl.crawl;

import dev.trawl.extract.FragmentTargets;
import dev.trawl.extract.Fragments;
import dev.trawl.frontier.UrlFingerprint;
import dev.trawl.page.PageRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * {@code --check-fragments} in a crawl: which of a page's {@code url#fragment} links name nothing on
 * the crawled page they point to. A link is checked against a page this crawl fetched and parsed
 * (HTML, 2xx); one to a page that failed, was not HTML, or is never fetched (not followed, beyond
 * {@code --max-depth}, refused by a trap guard) cannot be checked and is never called missing.
 *
 * <p>A page's record waits here while a page it links to is still to be fetched, and is released,
 * its {@code missing_fragments} complete, once the last of them finishes. Its links go to the frontier
 * at once, so waiting never delays the crawl, only the line. What a page offers to fragments is kept
 * for every page finished, as hashes ({@link FragmentTargets}), since a later page may link to it.
 *
 * <p>Order of calls per page, which keeps every verdict race-free: {@link #register} before the
 * frontier completes the page (so a page that sees it done finds it here), {@link #judge} after (so
 * the targets it has just queued count as still to come).
 */
final class FragmentCheck {
    /** A record waiting for pages it links to; {@code missing} fills in as they finish. */
    private static final class Held {
        final PageRecord record;
        final List<String> links;
        final boolean[] missing;
        int waitingFor;

        Held(PageRecord record, List<String> links, boolean[] missing, int waitingFor) {
            this.record = record;
            this.links = links;
            this.missing = missing;
            this.waitingFor = waitingFor;
        }

        /** The record, its missing fragments those found so far, in document order. */
        PageRecord record() {
            List<String> listed = new ArrayList<>();
            for (int i = 0; i < links.size(); i++) {
                if (missing[i]) {
                    listed.add(links.get(i));
                }
            }
            return record.withMissingFragments(listed);
        }
    }

    /** The links (indexes into its {@code links}) of a held record to one page still to finish. */
    private record Awaited(Held held, List<Integer> links) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Predicate<String> stillToFinish;
    /**
     * Every page finished, by URL fingerprint: what its fragments can point at, or null when it was
     * not parsed, so that links to it cannot be checked.
     */
    private final Map<Long, FragmentTargets> finished = new HashMap<>();
    /** Pages still to finish, by URL, and the held records' links to each. */
    private final Map<String, List<Awaited>> awaited = new HashMap<>();
    private boolean released;

    /** @param stillToFinish whether a URL is queued or being fetched: the frontier's view */
    FragmentCheck(Predicate<String> stillToFinish) {
        this.stillToFinish = stillToFinish;
    }

    /**
     * Keeps what the page's fragments can point at, under the URL it was fetched for and, when it was
     * parsed after redirects, under the URL they ended at. Returns the held records this completes.
     */
    List<PageRecord> register(Finished page) {
        Fragments fragments = page.fragments();
        FragmentTargets targets = fragments == null ? null : fragments.targets();
        List<PageRecord> ready = new ArrayList<>();
        lock.lock();
        try {
            register(page.task().url(), targets, ready);
            // A redirect not followed (its target has a record of its own) or one that failed says
            // nothing about the target's content: only a parsed page speaks for where it ended.
            if (fragments != null && !page.record().finalUrl().equals(page.task().url())) {
                register(page.record().finalUrl(), targets, ready);
            }
        } finally {
            lock.unlock();
        }
        return ready;
    }

    private void register(String url, FragmentTargets targets, List<PageRecord> ready) {
        finished.put(UrlFingerprint.of(url), targets);
        for (Awaited waiting : awaited.getOrDefault(url, List.of())) {
            Held held = waiting.held();
            for (int link : waiting.links()) {
                held.missing[link] = isMissing(held.links.get(link), targets);
            }
            if (--held.waitingFor == 0) {
                ready.add(held.record());
            }
        }
        awaited.remove(url);
    }

    /**
     * The page's record with its {@code missing_fragments}, when every page its fragment links point
     * to has been decided; else null, and the record is held until they are. A page not parsed keeps
     * {@code missing_fragments} null.
     */
    PageRecord judge(Finished page) {
        Fragments fragments = page.fragments();
        if (fragments == null) {
            return page.record();
        }
        List<String> links = fragments.links();
        boolean[] missing = new boolean[links.size()];
        Map<String, List<Integer>> toCome = new LinkedHashMap<>();
        lock.lock();
        try {
            for (int i = 0; i < links.size(); i++) {
                String target = target(links.get(i));
                long fingerprint = UrlFingerprint.of(target);
                if (finished.containsKey(fingerprint)) {
                    missing[i] = isMissing(links.get(i), finished.get(fingerprint));
                } else if (!released && stillToFinish.test(target)) {
                    toCome.computeIfAbsent(target, url -> new ArrayList<>()).add(i);
                }
            }
            Held held = new Held(page.record(), links, missing, toCome.size());
            if (toCome.isEmpty()) {
                return held.record();
            }
            toCome.forEach((target, indexes) ->
                    awaited.computeIfAbsent(target, url -> new ArrayList<>()).add(new Awaited(held, indexes)));
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The records still held, each with what is known: a link to a page that never finished is not
     * called missing. The crawl is over or stopping, so nothing is held from now on.
     */
    List<PageRecord> release() {
        lock.lock();
        try {
            released = true;
            // A record waiting for several pages is in several lists: each is released once.
            Set<Held> held = new LinkedHashSet<>();
            awaited.values().forEach(list -> list.forEach(waiting -> held.add(waiting.held())));
            awaited.clear();
            return held.stream().map(Held::record).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code url#fragment} names nothing on the target page; targets null: not parsed, so not known. */
    private static boolean isMissing(String link, FragmentTargets targets) {
        return targets != null && !targets.indicates(link.substring(link.indexOf('#') + 1));
    }

    /** The URL of {@code url#fragment}: the normalized URL holds no '#'. */
    private static String target(String link) {
        return link.substring(0, link.indexOf('#'));
    }
}
