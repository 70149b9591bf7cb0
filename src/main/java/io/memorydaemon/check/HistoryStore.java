// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.List;

/** Where {@code check} keeps its last readings between runs, for the early warning's estimate. */
public interface HistoryStore {
    /** Keeps nothing: a pass that needs no history (the watcher has its own, in memory). */
    HistoryStore NONE = new HistoryStore() {
        @Override
        public List<MemoryHistory.Reading> load() {
            return List.of();
        }

        @Override
        public void save(List<MemoryHistory.Reading> readings) {
            // nothing kept
        }
    };

    List<MemoryHistory.Reading> load();

    void save(List<MemoryHistory.Reading> readings);
}
