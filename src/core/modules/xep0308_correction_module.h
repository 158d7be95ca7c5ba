#pragma once
// XEP-0308 Last Message Correction. Incoming (Store stage, after Decrypt and the reply's fallback cut):
// a correction by the author of the message it names replaces its text (Message::edited, the first text
// kept in originalBody); one by anyone else, or naming a message we do not have, or itself, is shown as
// the message it is. A deleted message stays deleted; a correction older than the one applied changes
// nothing. Outgoing: correct() sends the new text (encrypted like any message of the chat) with <replace/>.
#include "core/modules/chat.h"
#include "core/modules/module.h"

namespace starling::modules {

class CorrectionModule : public Module {
public:
    CorrectionModule(Core& core, ChatModule& chat);
    const char* name() const override { return "xep0308-correction"; }
    std::vector<std::string> features() const override;

    bool correct(const std::string& bare, const std::string& messageId, const std::string& text);

private:
    im::Flow storeStage(im::Incoming& in);
    ChatModule& m_chat;
};

}  // namespace starling::modules
