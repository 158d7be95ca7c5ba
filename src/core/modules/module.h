#pragma once
// What every module shares (Core) and what a module is (Module). The Client owns the Core and the
// modules; a module owns its own state, registers its handlers with the router and its stages with the
// pipelines in attach(), declares its disco features in features(), and gets the lifecycle inputs.
// Modules know each other only through references given at construction (Client::Impl wires them).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/client.h"
#include "core/im/incoming.h"
#include "core/im/outgoing.h"
#include "core/model/state.h"
#include "core/router/stanza_router.h"
#include "core/storage/account_store.h"
#include "core/stream/session.h"

namespace starling::modules {

// The shared services and the little shared context (which account, whether the page is seen). One
// owner: Client::Impl. Modules hold a reference.
struct Core {
    Core(Platform platform, stream::Session& s, storage::AccountStore& d, model::State& st,
         router::StanzaRouter& r, im::IncomingPipeline& in, im::OutgoingPipeline& out)
        : p(platform), session(s), data(d), state(st), router(r), incoming(in), outgoing(out) {}

    Platform p;
    stream::Session& session;
    storage::AccountStore& data;
    model::State& state;
    router::StanzaRouter& router;
    im::IncomingPipeline& incoming;
    im::OutgoingPipeline& outgoing;

    std::string account;   // bare JID whose data is loaded ("" when none)
    bool active = true;    // the person sees the page (Client::setActive)
    std::uint64_t revision = 0;
    std::function<void(std::string_view)> logger;

    void touch() { ++revision; }
    void log(std::string_view line) const {
        if (logger) logger(line);
    }
    std::string uuid() const;  // random v4 UUID (message ids, query ids)
    bool online() const { return state.connection == model::Connection::Online; }
    // Base options of the incoming pipeline for a message received now.
    im::IncomingOptions incomingOptions(bool countUnread = true) const;
    bool trustStanzaIds = false;  // our account's disco#info lists urn:xmpp:sid:0 (this session)
    // Runs a stanza (a message as the session delivered it) through the incoming pipeline.
    void receive(const xml::Element& message, const im::IncomingOptions& options);
};

class Module {
public:
    explicit Module(Core& core) : m_core(core) {}
    virtual ~Module() = default;
    Module(const Module&) = delete;
    Module& operator=(const Module&) = delete;

    virtual const char* name() const = 0;
    // The disco#info features this module advertises (XEP-0030; the XEP-0115 ver is built from them).
    virtual std::vector<std::string> features() const { return {}; }
    // Lifecycle. onAccount: another account's data was loaded (or none). onEstablished: a new session
    // was bound (not a resumption), before the roster. onOnline: that session is online (roster in).
    // onResumed: a XEP-0198 resumption kept the previous session. onOffline: the connection is gone
    // (reconnecting, failed or logged out). onTimer: the injected clock's now, about every 250 ms.
    virtual void onAccount() {}
    virtual void onEstablished() {}
    virtual void onOnline() {}
    virtual void onResumed() {}
    virtual void onOffline() {}
    virtual void onTimer(std::int64_t /*nowMs*/) {}

protected:
    Core& m_core;
};

}  // namespace starling::modules
