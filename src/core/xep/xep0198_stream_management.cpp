#include "core/xep/xep0198_stream_management.h"

#include <utility>

#include "core/xml/ns.h"

namespace starling::xep {

Result<std::uint32_t> parseSmCounter(std::string_view text) {
    if (text.empty() || text.size() > 10) return makeError("bad-h", "not an unsignedInt");
    std::uint64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return makeError("bad-h", "not an unsignedInt");
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (v > 0xFFFFFFFFull) return makeError("bad-h", "above 2^32-1");
    return static_cast<std::uint32_t>(v);
}

Result<SmEnabled> parseSmEnabled(const xml::Element& el) {
    if (!el.is(ns::kSm, "enabled")) return makeError("bad-enabled", "not <enabled/>");
    SmEnabled e;
    e.id = std::string(el.attr("id"));
    std::string_view resume = el.attr("resume");
    e.resume = resume == "true" || resume == "1";
    e.location = std::string(el.attr("location"));
    if (el.hasAttr("max")) {
        if (auto max = parseSmCounter(el.attr("max"))) e.maxSeconds = *max;
    }
    return e;
}

Result<SmResumed> parseSmResumed(const xml::Element& el) {
    if (!el.is(ns::kSm, "resumed")) return makeError("bad-resumed", "not <resumed/>");
    auto h = parseSmCounter(el.attr("h"));
    if (!h) return h.error();
    return SmResumed{*h, std::string(el.attr("previd"))};
}

SmFailed parseSmFailed(const xml::Element& el) {
    SmFailed f;
    if (el.hasAttr("h")) {
        if (auto h = parseSmCounter(el.attr("h"))) f.h = *h;
    }
    for (const auto& c : el.children()) {
        if (c.ns() == ns::kStanzaErrors) {
            f.condition = c.name();
            break;
        }
    }
    return f;
}

Result<std::uint32_t> parseSmAck(const xml::Element& el) {
    if (!el.is(ns::kSm, "a")) return makeError("bad-h", "not <a/>");
    return parseSmCounter(el.attr("h"));
}

xml::Element smEnable(bool resume) {
    xml::Element e(ns::kSm, "enable");
    if (resume) e.setAttr("resume", "true");
    return e;
}

xml::Element smResume(std::uint32_t h, std::string_view previd) {
    xml::Element e(ns::kSm, "resume");
    e.setAttr("h", std::to_string(h));
    e.setAttr("previd", previd);
    return e;
}

xml::Element smAck(std::uint32_t h) {
    xml::Element e(ns::kSm, "a");
    e.setAttr("h", std::to_string(h));
    return e;
}

xml::Element smRequest() { return xml::Element(ns::kSm, "r"); }

xml::Element smHandledCountTooHigh(std::uint32_t h, std::uint32_t sendCount) {
    xml::Element error(ns::kStreams, "error");
    error.add(ns::kStreamErrors, "undefined-condition");
    xml::Element& detail = error.add(ns::kSm, "handled-count-too-high");
    detail.setAttr("h", std::to_string(h));
    detail.setAttr("send-count", std::to_string(sendCount));
    error.addText(ns::kStreamErrors, "text",
                  "You acknowledged " + std::to_string(h) + " stanzas, but I only sent you " +
                      std::to_string(sendCount) + " so far.");
    return error;
}

void SmCounters::reset() {
    m_inbound = 0;
    m_acked = 0;
    m_unacked.clear();
}

void SmCounters::startAt(std::uint32_t inbound, std::uint32_t acked) {
    m_inbound = inbound;
    m_acked = acked;
    m_unacked.clear();
}

void SmCounters::sent(xml::Element stanza) { m_unacked.push_back(std::move(stanza)); }

Result<std::vector<xml::Element>> SmCounters::ack(std::uint32_t h) {
    // Unsigned subtraction is exact modulo 2^32: h just past a wrap still gives the right delta, and
    // an h below the last ack gives a huge delta, which is refused below like any over-ack.
    const std::uint32_t delta = h - m_acked;
    if (delta > m_unacked.size()) {
        return makeError("handled-count-too-high", "h=" + std::to_string(h) + " send-count=" +
                                                       std::to_string(sendCount()));
    }
    std::vector<xml::Element> done;
    done.reserve(delta);
    for (std::uint32_t i = 0; i < delta; ++i) {
        done.push_back(std::move(m_unacked.front()));
        m_unacked.pop_front();
    }
    m_acked = h;
    return done;
}

}  // namespace starling::xep
