#include "core/modules/xep0384_omemo_module.h"

#include "core/xml/ns.h"

namespace starling::modules {

OmemoModule::OmemoModule(Core& core, std::function<void()> ready) : Module(core) {
    m_service = std::make_unique<OmemoService>(OmemoService::Deps{
        m_core.session, m_core.p.store, m_core.p.persistence, m_core.p.random, m_core.p.clock, m_core.state,
        [this](std::string_view line) { m_core.log(line); }, [this] { m_core.touch(); }, std::move(ready),
        [this] { return m_core.uuid(); }});
    m_core.router.onMessage(name(), router::Filter{router::Kind::Message, {}, ns::kPubsubEvent, "event"},
                            [this](const xml::Element& message) {
                                return m_service->handleEvent(message) ? router::Handled::Yes : router::Handled::No;
                            });
    m_core.incoming.add(im::Stage::Decrypt, name(), [this](im::Incoming& in) {
        // A room's, or a private message through one: OmemoMucModule knows the sender's real JID.
        if (in.groupchat || !in.occupantChat.empty()) return im::Flow::Next;
        if (m_service->decryptStage(*in.message, in.built, in.archiveId.empty())) return im::Flow::Next;
        in.result.reason = "could not decrypt";
        return im::Flow::Done;
    });
    m_core.outgoing.add(im::OutStage::Encrypt, name(), [this](im::Outgoing& out) {
        if (out.stanza.attr("type") == "groupchat") return im::OutFlow::Next;  // rooms: OmemoMucModule
        // A private message through a room (its muc#user <x/>): the room relays it, plaintext.
        if (out.stanza.child(ns::kMucUser, "x")) return im::OutFlow::Next;
        return m_service->prepareOutgoing(out.peer, out.message, out.stanza) ? im::OutFlow::Next : im::OutFlow::Wait;
    });
}

std::vector<std::string> OmemoModule::features() const {
    std::vector<std::string> out;
    for (const char* f : OmemoService::discoFeatures()) out.emplace_back(f);
    return out;
}

}  // namespace starling::modules
