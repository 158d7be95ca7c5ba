#pragma once
// XEP-0461 Message Replies. Incoming (Store stage, after Decrypt: in OMEMO the quote is in the encrypted
// body and the XEP-0428 range counts in it): Message::replyTo/replyToJid, and the fallback quote cut from
// the body — the UI shows the referenced message itself from our history, never the quote the sender
// claims. Outgoing (Decorate): <reply/> and a fallback quote of the message as we have it.
#include "core/modules/chat.h"
#include "core/modules/module.h"

namespace starling::modules {

class RepliesModule : public Module {
public:
    RepliesModule(Core& core, ChatModule& chat);
    const char* name() const override { return "xep0461-replies"; }
    std::vector<std::string> features() const override;

    // Sends `text` as a reply to message `messageId` of chat `bare` (queued like any message when offline).
    bool reply(const std::string& bare, const std::string& messageId, const std::string& text);

private:
    im::Flow storeStage(im::Incoming& in);
    im::OutFlow decorateStage(im::Outgoing& out);
    ChatModule& m_chat;
};

}  // namespace starling::modules
