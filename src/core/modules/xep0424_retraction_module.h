#pragma once
// XEP-0424 Message Retraction. Incoming (Signals stage): a retraction by the author of the message it
// names empties that message (Message::retracted: "Message deleted"); one by anyone else or naming a
// message we do not have is ignored — and its XEP-0428 fallback body is never shown. Outgoing: retract()
// sends both the 0.4 and the earlier (XEP-0422 apply-to) form, unencrypted as Conversations, Dino and
// Gajim do in legacy OMEMO chats (only <body/> is encrypted there; the fallback says nothing).
#include "core/modules/chat.h"
#include "core/modules/module.h"

namespace starling::modules {

class RetractionModule : public Module {
public:
    RetractionModule(Core& core, ChatModule& chat);
    const char* name() const override { return "xep0424-retraction"; }
    std::vector<std::string> features() const override;

    bool retract(const std::string& bare, const std::string& messageId);

private:
    im::Flow signalsStage(im::Incoming& in);
    ChatModule& m_chat;
};

// The end of an action's Signals stage: never stored as a message; decrypted first when it carries
// OMEMO (the session moves on), else decided now.
im::Flow appliedAction(im::Incoming& in, bool changed, std::string reason);

}  // namespace starling::modules
