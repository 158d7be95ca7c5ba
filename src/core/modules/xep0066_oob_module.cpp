#include "core/modules/xep0066_oob_module.h"

#include "core/media/media_policy.h"
#include "core/util/strings.h"
#include "core/xep/xep0066_oob.h"
#include "core/xep/xep0454_aesgcm.h"
#include "core/xml/ns.h"

namespace starling::modules {

OobModule::OobModule(Core& core) : Module(core) {
    m_core.outgoing.add(im::OutStage::Decorate, name(), [this](im::Outgoing& out) { return decorate(out); });
    m_core.incoming.add(im::Stage::Decrypt, name(), [this](im::Incoming& in) { return recognise(in); });
}

im::OutFlow OobModule::decorate(im::Outgoing& out) {
    model::Message& m = out.message;
    if (!m.attachment || m.attachment->url.empty() || m.body != m.attachment->url) return im::OutFlow::Next;
    const auto enc = m_core.state.omemo.chatEncrypted.find(out.peer);
    const auto room = m_core.state.rooms.find(out.peer);  // an encrypted room's Encrypt stage never sends plaintext
    const bool willEncrypt = out.stanza.attr("type") == "groupchat"
                                 ? room != m_core.state.rooms.end() && room->second.encrypted
                                 : enc != m_core.state.omemo.chatEncrypted.end() && enc->second;
    if (willEncrypt) return im::OutFlow::Next;  // the URL goes inside OMEMO only; no OOB beside it in clear
    if (m.attachment->encrypted) {
        // The link holds the file's key: it goes inside OMEMO or not at all.
        m.status = model::MessageStatus::Failed;
        m.error = "aesgcm-needs-omemo";
        return im::OutFlow::Wait;
    }
    out.stanza.add(xep::oobElement({m.attachment->url, {}}));
    return im::OutFlow::Next;
}

std::optional<model::Attachment> sharedFileOf(const xml::Element& message, std::string_view body, bool decrypted) {
    body = util::trim(body);
    model::Attachment a;
    if (decrypted) {
        if (auto link = xep::aesGcmLinkInBody(body)) {
            a.url = std::string(*link);
            a.encrypted = true;
            a.name = media::sanitizeFileName(media::fileNameFromUrl(a.url.substr(0, a.url.rfind('#'))));
            return a;
        }
    }
    auto oob = xep::oobOf(message);
    if (!oob || oob->url != body) return std::nullopt;
    if (!body.starts_with("https://") && !body.starts_with("http://")) return std::nullopt;
    a.url = oob->url;
    a.name = media::sanitizeFileName(media::fileNameFromUrl(a.url));
    return a;
}

im::Flow OobModule::recognise(im::Incoming& in) {
    if (auto a = sharedFileOf(*in.message, in.built.body, in.built.encrypted)) {
        a->state = in.outgoing ? model::AttachmentState::Sent : model::AttachmentState::Available;
        in.built.attachment = std::move(a);
    }
    return im::Flow::Next;
}

}  // namespace starling::modules
