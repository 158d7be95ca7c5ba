#pragma once
// XEP-0444 Message Reactions. Incoming (Signals stage): the sender's set of reactions to a message of
// the chat replaces the set he had (Message::reactions: emoji → who); one to a message we do not have or
// that was deleted is ignored. At most kMaxEmojiPerMessage different emoji per message: a flood adds
// nothing more. Outgoing: react() sends our whole set, unencrypted as Conversations, Dino and Gajim do
// in legacy OMEMO chats.
#include "core/modules/module.h"

namespace starling::modules {

class ReactionsModule : public Module {
public:
    static constexpr std::size_t kMaxEmojiPerMessage = 64;

    explicit ReactionsModule(Core& core);
    const char* name() const override { return "xep0444-reactions"; }
    std::vector<std::string> features() const override;

    bool react(const std::string& bare, const std::string& messageId, const std::vector<std::string>& emoji);

private:
    im::Flow signalsStage(im::Incoming& in);
};

// Replaces `who`'s reactions to `m` by `emoji`; true when something changed.
bool setReactions(model::Message& m, const std::string& who, const std::vector<std::string>& emoji,
                  std::size_t maxEmoji);

}  // namespace starling::modules
