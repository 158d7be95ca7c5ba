#include "core/search/text_match.h"

#include <algorithm>
#include <cstring>

#include "core/search/casefold.h"
#include "core/util/utf8.h"

namespace starling::search {
namespace {

constexpr std::uint32_t kReplacement = 0xFFFD;

bool isSpace(std::uint32_t cp) {
    return cp <= 0x20 || cp == 0x7F || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}
bool isControl(std::uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// One code point at s[i] (an invalid byte counts as U+FFFD of length 1).
std::size_t next(std::string_view s, std::size_t i, std::uint32_t& cp) {
    std::size_t len = utf8::decode(s, i, cp);
    if (len == 0) {
        cp = kReplacement;
        len = 1;
    }
    return len;
}

}  // namespace

Query parseQuery(std::string_view typed) {
    Query q;
    std::vector<std::string> inOrder;
    std::size_t i = 0;
    while (i < typed.size()) {
        std::uint32_t cp = 0;
        std::size_t len = next(typed, i, cp);
        if (isSpace(cp)) {
            i += len;
            continue;
        }
        std::size_t start = i;
        while (i < typed.size()) {
            len = next(typed, i, cp);
            if (isSpace(cp)) break;
            i += len;
        }
        inOrder.push_back(fold(typed.substr(start, i - start)));
    }
    for (const auto& w : inOrder) {
        if (!q.phrase.empty()) q.phrase += ' ';
        q.phrase += w;
        if (std::find(q.words.begin(), q.words.end(), w) == q.words.end()) q.words.push_back(w);
    }
    std::stable_sort(q.words.begin(), q.words.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    return q;
}

Matcher::Matcher(Query query) : m_query(std::move(query)) {
    for (const auto& w : m_query.words) {
        auto& shift = m_shifts.emplace_back();
        shift.fill(static_cast<std::uint32_t>(w.size()));
        for (std::size_t i = 0; i + 1 < w.size(); ++i)
            shift[static_cast<unsigned char>(w[i])] = static_cast<std::uint32_t>(w.size() - 1 - i);
    }
}

bool Matcher::matches(std::string_view body) {
    if (m_query.empty()) return false;
    foldInto(body, m_folded);
    const char* hay = m_folded.data();
    const std::size_t n = m_folded.size();
    for (std::size_t k = 0; k < m_query.words.size(); ++k) {
        const std::string& w = m_query.words[k];
        const auto& shift = m_shifts[k];
        const std::size_t m = w.size();
        const unsigned char lastByte = static_cast<unsigned char>(w[m - 1]);
        bool found = false;
        for (std::size_t i = 0; i + m <= n;) {
            const auto c = static_cast<unsigned char>(hay[i + m - 1]);
            if (c == lastByte && std::memcmp(hay + i, w.data(), m - 1) == 0) {
                found = true;
                break;
            }
            i += shift[c];
        }
        if (!found) return false;
    }
    return true;
}

BodyMatch Matcher::locate(std::string_view body) const {
    const FoldedText f = foldWithOrigin(body);
    std::size_t pos = f.text.find(m_query.phrase);
    std::size_t len = m_query.phrase.size();
    if (pos == std::string::npos) {
        for (const auto& w : m_query.words) {
            const std::size_t p = f.text.find(w);
            if (p < pos) {
                pos = p;
                len = w.size();
            }
        }
    }
    if (pos == std::string::npos) return {};
    const auto [first, last] = f.originalRange(pos, len);
    return {first, last - first};
}

Snippet makeSnippet(std::string_view body, BodyMatch match) {
    // Code point starts of the body (+ its end), and the indexes of the match's first and end code points.
    std::vector<std::size_t> starts;
    std::size_t matchFirst = 0, matchEnd = 0;
    const std::size_t matchStop = match.start + match.length;
    for (std::size_t i = 0; i < body.size();) {
        if (i <= match.start) matchFirst = starts.size();
        if (i < matchStop) matchEnd = starts.size() + 1;
        starts.push_back(i);
        std::uint32_t cp = 0;
        i += next(body, i, cp);
    }
    starts.push_back(body.size());
    const std::size_t count = starts.size() - 1;
    if (match.length == 0) matchEnd = matchFirst;

    const std::size_t inMatch = matchEnd - matchFirst;
    const std::size_t before = matchFirst, after = count - matchEnd;
    const std::size_t room = kSnippetChars > inMatch ? kSnippetChars - inMatch : 0;
    // A third of the room before the match, more when little follows it.
    const std::size_t takeBefore = std::min(before, std::max(room / 3, room - std::min(after, room)));
    const std::size_t takeAfter = std::min(after, room - takeBefore);
    const std::size_t from = matchFirst - takeBefore, to = matchEnd + takeAfter;

    Snippet s;
    if (from > 0) s.text = "…";
    const std::size_t lead = s.text.size();
    bool pendingSpace = false;
    for (std::size_t k = from; k < to; ++k) {
        if (k == matchFirst) {
            if (pendingSpace && s.text.size() > lead) s.text += ' ';
            pendingSpace = false;
            s.matchStart = s.text.size();
        }
        std::uint32_t cp = 0;
        const std::size_t len = next(body, starts[k], cp);
        const bool inside = k >= matchFirst && k < matchEnd;
        if (isSpace(cp) || isControl(cp)) {
            if (inside) s.text += ' ';
            else pendingSpace = true;  // collapsed; dropped at either end
            if (k + 1 == matchEnd) s.matchLength = s.text.size() - s.matchStart;
            continue;
        }
        if (pendingSpace && s.text.size() > lead) s.text += ' ';
        pendingSpace = false;
        if (len == 1 && static_cast<unsigned char>(body[starts[k]]) >= 0x80) utf8::append(s.text, kReplacement);
        else s.text.append(body.data() + starts[k], len);
        if (k + 1 == matchEnd) s.matchLength = s.text.size() - s.matchStart;
    }
    if (to < count) s.text += "…";
    return s;
}

}  // namespace starling::search
