#pragma once
// XEP-0410 MUC self-ping: a room silent for a while (no message, no presence from it) may have dropped us
// without a word (a restart of the room's service, a broken server-to-server link). After kSilenceMs of
// silence we ping our own occupant JID: a result, service-unavailable, feature-not-implemented or
// item-not-found mean we are still in; no answer or remote-server-* mean "ask again later"; any other
// error means we are out, and the room is joined again (its archive then fills what was missed).
#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "core/modules/module.h"
#include "core/modules/xep0045_muc_module.h"

namespace starling::modules {

class SelfPingModule : public Module {
public:
    static constexpr std::int64_t kSilenceMs = 15 * 60 * 1000;  // the XEP's example
    static constexpr std::int64_t kRetryMs = 2 * 60 * 1000;     // after a timeout or unreachable room

    SelfPingModule(Core& core, MucModule& muc);
    const char* name() const override { return "xep0410-self-ping"; }
    void onEstablished() override;
    void onTimer(std::int64_t nowMs) override;

    // What an answer to a self-ping means (the XEP's list).
    enum class Verdict { Joined, Unknown, NotJoined };
    static Verdict verdict(const Result<xml::Element>& answer);

private:
    void ping(const std::string& room, const std::string& nick, std::int64_t nowMs);

    MucModule& m_muc;
    std::map<std::string, std::int64_t> m_heard;  // room → when we last heard from it (or it answered)
    std::set<std::string> m_pending;              // rooms with a self-ping in flight
    std::uint64_t m_epoch = 0;
};

}  // namespace starling::modules
