#pragma once

#include "planners/common/routinggraph.h"

#include <QtGlobal>

#include <algorithm>
#include <array>
#include <bit>
#include <utility>
#include <vector>

namespace nqi::planners {

/**
 * A radix heap of (key, node) whose storage its user keeps between uses, nearest first or, with
 * FarthestFirst, farthest first. It is monotone: after the first pop, a push is never nearer
 * (farther) than what was popped last, as in Dijkstra's algorithm. Entries are (key, node)
 * packed in one integer, key in the high bits (keys below kInfiniteKey, or kUnreachable; nodes
 * below 2^kNodeBits: radixHeapFits tells whether a graph's do), so that equal keys pop in node
 * order, as a binary heap of (key, node) pairs would, and sums made in pop order are the same
 * to the last bit. An entry sits in the bucket of the highest bit in which it differs from the
 * last one popped; a pop empties the first non-empty bucket into lower ones, so each entry
 * moves at most 64 times and usually far fewer.
 */
template <bool FarthestFirst>
class RadixHeap
{
public:
    using Entry = std::pair<qint64, int>;
    bool empty() const { return m_size == 0; }
    void push(qint64 key, int node)
    {
        const quint64 packedKey = key == kUnreachable ? kInfiniteKey : quint64(key);
        quint64 packed = (packedKey << kNodeBits) | quint64(node);
        if constexpr (FarthestFirst)
            packed = ~packed;
        const int bucket = bucketOf(packed);
        m_buckets[size_t(bucket)].push_back(packed);
        if (bucket < 64)
            m_nonEmpty |= quint64(1) << bucket;
        ++m_size;
    }
    void clear()
    {
        for (quint64 bits = m_nonEmpty; bits; bits &= bits - 1)
            m_buckets[size_t(std::countr_zero(bits))].clear();
        m_buckets[64].clear();
        m_nonEmpty = 0;
        m_last = 0;
        m_size = 0;
    }
    Entry pop()
    {
        if (m_buckets[0].empty()) {
            // The first non-empty bucket: its smallest entry is the next; the others go down.
            int first = 64;
            const quint64 bits = m_nonEmpty & ~quint64(1);
            if (bits)
                first = std::countr_zero(bits);
            std::vector<quint64> &bucket = m_buckets[size_t(first)];
            m_last = *std::min_element(bucket.begin(), bucket.end());
            for (quint64 packed : bucket) {
                const int to = bucketOf(packed);
                m_buckets[size_t(to)].push_back(packed);
                if (to < 64)
                    m_nonEmpty |= quint64(1) << to;
            }
            bucket.clear();
            if (first < 64)
                m_nonEmpty &= ~(quint64(1) << first);
        }
        const quint64 packed = m_buckets[0].back();
        m_buckets[0].pop_back();
        if (m_buckets[0].empty())
            m_nonEmpty &= ~quint64(1);
        if (--m_size == 0)
            m_last = 0; // empty: the next push may be anything

        const quint64 top = FarthestFirst ? ~packed : packed;
        const quint64 key = top >> kNodeBits;
        return {key == kInfiniteKey ? kUnreachable : qint64(key),
                int(top & ((1u << kNodeBits) - 1))};
    }

    static constexpr int kNodeBits = 21;
    static constexpr quint64 kInfiniteKey = (quint64(1) << (64 - kNodeBits)) - 1;

private:
    // 0: equal to the last popped; b: highest differing bit b - 1. Bucket 64 (the top bit) is
    // not tracked in m_nonEmpty, which holds buckets 0-63.
    int bucketOf(quint64 packed) const
    {
        return packed == m_last ? 0 : 64 - std::countl_zero(packed ^ m_last);
    }

    std::array<std::vector<quint64>, 65> m_buckets;
    quint64 m_nonEmpty = 0;
    quint64 m_last = 0;
    size_t m_size = 0;
};

/// Whether @p graph's node indexes and distances fit a RadixHeap's entries.
inline bool radixHeapFits(const RoutingGraph &graph)
{
    return graph.nodeCount() < (1 << RadixHeap<false>::kNodeBits) &&
           graph.metricSum() < RadixHeap<false>::kInfiniteKey;
}

} // namespace nqi::planners
