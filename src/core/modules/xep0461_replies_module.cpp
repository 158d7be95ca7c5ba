#include "core/modules/xep0461_replies_module.h"

#include "core/im/message_refs.h"
#include "core/xep/xep0428_fallback.h"
#include "core/xep/xep0461_replies.h"
#include "core/xml/ns.h"

namespace starling::modules {

RepliesModule::RepliesModule(Core& core, ChatModule& chat) : Module(core), m_chat(chat) {
    m_core.incoming.add(im::Stage::Store, name(), [this](im::Incoming& in) { return storeStage(in); });
    m_core.outgoing.add(im::OutStage::Decorate, name(), [this](im::Outgoing& out) { return decorateStage(out); });
}

std::vector<std::string> RepliesModule::features() const { return {xep::kRepliesFeature}; }

im::Flow RepliesModule::storeStage(im::Incoming& in) {
    if (in.applied) return im::Flow::Done;  // a reaction or retraction that carried OMEMO: never a message
    auto reply = xep::parseReply(*in.message);
    if (!reply) return im::Flow::Next;
    model::Message& m = in.built;
    m.replyTo = reply->id;
    m.replyToJid = reply->to;
    // Undecryptable: the body is empty and the range means nothing.
    if (m.error.empty()) m.body = xep::stripFallback(m.body, xep::parseFallback(*in.message, ns::kReply));
    return im::Flow::Next;
}

im::OutFlow RepliesModule::decorateStage(im::Outgoing& out) {
    const model::Message& m = out.message;
    if (m.replyTo.empty()) return im::OutFlow::Next;
    const bool groupchat = out.stanza.attr("type") == "groupchat";
    std::string quote;
    auto conv = m_core.state.conversations.find(out.peer);
    if (conv != m_core.state.conversations.end())
        if (const model::Message* target = im::findReferenced(conv->second, m.replyTo, groupchat);
            target && !target->retracted && target->error.empty())
            quote = xep::replyQuote(target->body);
    if (!quote.empty()) {
        out.stanza.removeChildren(ns::kClient, "body");
        out.stanza.addText(ns::kClient, "body", quote + m.body);
    }
    xep::addReply(out.stanza, xep::Reply{m.replyToJid, m.replyTo}, xep::codePointCount(quote));
    return im::OutFlow::Next;
}

bool RepliesModule::reply(const std::string& bare, const std::string& messageId, const std::string& text) {
    if (text.empty()) return false;
    auto conv = m_core.state.conversations.find(bare);
    if (conv == m_core.state.conversations.end()) return false;
    const bool groupchat = m_core.state.rooms.count(bare) > 0;
    const model::Message* target = im::findReferenced(conv->second, messageId, groupchat);
    if (!target || target->retracted) return false;
    model::Message m;
    m.body = text;
    m.replyTo = im::referenceId(*target, groupchat);
    m.replyToJid = target->from;
    if (groupchat)
        if (auto room = m_core.state.rooms.find(bare); room != m_core.state.rooms.end())
            m.from = bare + "/" + room->second.nick;
    m_chat.send(bare, std::move(m));
    return true;
}

}  // namespace starling::modules
