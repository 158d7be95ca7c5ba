#include "core/xep/xep0085_chat_states.h"

#include "core/xml/ns.h"

namespace starling::xep {

namespace {
constexpr model::ChatState kStates[] = {model::ChatState::Active, model::ChatState::Composing,
                                        model::ChatState::Paused, model::ChatState::Inactive,
                                        model::ChatState::Gone};
}

const char* chatStateName(model::ChatState state) {
    switch (state) {
        case model::ChatState::Active: return "active";
        case model::ChatState::Composing: return "composing";
        case model::ChatState::Paused: return "paused";
        case model::ChatState::Inactive: return "inactive";
        case model::ChatState::Gone: return "gone";
        case model::ChatState::None: break;
    }
    return "";
}

std::optional<model::ChatState> chatStateOf(const xml::Element& message) {
    for (const auto& child : message.children()) {
        if (child.ns() != ns::kChatStates) continue;
        for (model::ChatState s : kStates)
            if (child.name() == chatStateName(s)) return s;
    }
    return std::nullopt;
}

void addChatState(xml::Element& message, model::ChatState state) {
    for (model::ChatState s : kStates) message.removeChildren(ns::kChatStates, chatStateName(s));
    if (state != model::ChatState::None) message.add(ns::kChatStates, chatStateName(state));
}

xml::Element chatStateMessage(std::string_view to, model::ChatState state, std::string_view id) {
    xml::Element m(ns::kClient, "message");
    m.setAttr("to", to);
    m.setAttr("type", "chat");
    m.setAttr("id", id);
    addChatState(m, state);
    m.add(ns::kHints, "no-store");  // transient: not archived
    return m;
}

}  // namespace starling::xep
