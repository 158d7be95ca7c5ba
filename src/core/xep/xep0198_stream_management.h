#pragma once
// XEP-0198 Stream Management: the nonzas as plain values (parse / build) and the client's counters.
//
// Counting rules (XEP-0198 §4): both counters are xs:unsignedInt and wrap modulo 2^32. The outbound
// side keeps every stanza sent since <enable/> until the peer's <a h/> covers it; the invariant is
// sendCount == lastAcked + unacked().size() (mod 2^32). An `h` that acks more than was sent (or
// moves backwards, which mod 2^32 is the same thing) is not an ack: ack() returns Error
// "handled-count-too-high" and changes nothing.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::xep {

// <enabled id resume location max/>
struct SmEnabled {
    std::string id;        // resumption token (previd later); may be empty
    bool resume = false;   // 'true' or '1'
    std::string location;  // preferred reconnect host; we never follow it (same-URL reconnects only)
    std::uint32_t maxSeconds = 0;
};

// <resumed h previd/>
struct SmResumed {
    std::uint32_t h = 0;
    std::string previd;
};

// <failed [h]><condition/></failed>
struct SmFailed {
    std::optional<std::uint32_t> h;
    std::string condition;  // e.g. "item-not-found", "unexpected-request"; "" if none
};

// xs:unsignedInt in decimal: digits only, 0..4294967295. Error "bad-h" otherwise.
Result<std::uint32_t> parseSmCounter(std::string_view text);

Result<SmEnabled> parseSmEnabled(const xml::Element& el);
Result<SmResumed> parseSmResumed(const xml::Element& el);  // Error "bad-h" / "bad-resumed"
SmFailed parseSmFailed(const xml::Element& el);             // an unreadable h is left out
Result<std::uint32_t> parseSmAck(const xml::Element& el);   // <a h/>

xml::Element smEnable(bool resume);
xml::Element smResume(std::uint32_t h, std::string_view previd);
xml::Element smAck(std::uint32_t h);
xml::Element smRequest();
// <stream:error><undefined-condition/><handled-count-too-high h send-count/><text/></stream:error>
xml::Element smHandledCountTooHigh(std::uint32_t h, std::uint32_t sendCount);

// The client side's counters and its queue of unacknowledged outbound stanzas.
class SmCounters {
public:
    // A new SM session (<enable/> sent): both counters zero, queue emptied.
    void reset();
    // Starts from given counters (a restored session; tests near the 2^32 wrap). Queue emptied.
    void startAt(std::uint32_t inbound, std::uint32_t acked);

    // Inbound: one more stanza (never a nonza) handled. Returns the new count.
    std::uint32_t countInbound() { return ++m_inbound; }
    std::uint32_t inbound() const { return m_inbound; }

    // Outbound: a stanza was written to the stream.
    void sent(xml::Element stanza);
    std::uint32_t sendCount() const { return m_acked + static_cast<std::uint32_t>(m_unacked.size()); }
    std::uint32_t lastAcked() const { return m_acked; }

    // The peer handled `h` stanzas in total: removes and returns the newly acknowledged ones, oldest
    // first. Error "handled-count-too-high" (nothing changes) when h acks more than was sent.
    Result<std::vector<xml::Element>> ack(std::uint32_t h);

    const std::deque<xml::Element>& unacked() const { return m_unacked; }

private:
    std::uint32_t m_inbound = 0;
    std::uint32_t m_acked = 0;
    std::deque<xml::Element> m_unacked;
};

}  // namespace starling::xep
