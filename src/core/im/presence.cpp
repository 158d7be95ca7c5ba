#include "core/im/presence.h"

#include <algorithm>
#include <charconv>

#include "core/im/jid_util.h"
#include "core/xml/ns.h"

namespace starling::im {
namespace {

model::Show parseShow(std::string_view text) {
    if (text == "chat") return model::Show::Chat;
    if (text == "away") return model::Show::Away;
    if (text == "xa") return model::Show::ExtendedAway;
    if (text == "dnd") return model::Show::DoNotDisturb;
    return model::Show::Available;
}

}  // namespace

const char* showName(model::Show show) {
    switch (show) {
        case model::Show::Chat: return "chat";
        case model::Show::Away: return "away";
        case model::Show::ExtendedAway: return "xa";
        case model::Show::DoNotDisturb: return "dnd";
        default: return "";
    }
}

bool parsePresence(const xml::Element& presence, PresenceUpdate& out) {
    if (!presence.is(ns::kClient, "presence")) return false;
    const std::string_view from = presence.attr("from");
    if (!isJid(from)) return false;
    out.from = std::string(from);
    const std::string_view type = presence.attr("type");
    if (type.empty()) out.type = PresenceType::Available;
    else if (type == "unavailable") out.type = PresenceType::Unavailable;
    else if (type == "subscribe") out.type = PresenceType::Subscribe;
    else if (type == "subscribed") out.type = PresenceType::Subscribed;
    else if (type == "unsubscribe") out.type = PresenceType::Unsubscribe;
    else if (type == "unsubscribed") out.type = PresenceType::Unsubscribed;
    else if (type == "probe") out.type = PresenceType::Probe;
    else if (type == "error") out.type = PresenceType::Error;
    else return false;
    out.resource.resource = resourceOf(from);
    out.resource.show = parseShow(presence.childText(ns::kClient, "show"));
    out.resource.status = std::string(presence.childText(ns::kClient, "status"));
    const std::string_view prio = presence.childText(ns::kClient, "priority");
    int p = 0;
    if (!prio.empty()) {
        auto [ptr, ec] = std::from_chars(prio.data(), prio.data() + prio.size(), p);
        if (ec != std::errc() || p < -128 || p > 127) p = 0;
    }
    out.resource.priority = p;
    return true;
}

xml::Element ownPresence(model::Show show, std::string_view status, int priority) {
    xml::Element p(ns::kClient, "presence");
    if (show == model::Show::Offline) {
        p.setAttr("type", "unavailable");
    } else if (const char* name = showName(show); *name) {
        p.addText(ns::kClient, "show", name);
    }
    if (!status.empty()) p.addText(ns::kClient, "status", status);
    if (priority != 0 && show != model::Show::Offline) p.addText(ns::kClient, "priority", std::to_string(priority));
    return p;
}

xml::Element subscriptionPresence(std::string_view to, std::string_view type) {
    xml::Element p(ns::kClient, "presence");
    p.setAttr("to", to);
    p.setAttr("type", type);
    return p;
}

void applyAvailability(model::State& state, const PresenceUpdate& update) {
    const std::string bare = normalizedBare(update.from);
    auto& list = state.presence[bare];
    auto it = std::find_if(list.begin(), list.end(), [&](const model::ResourcePresence& r) {
        return r.resource == update.resource.resource;
    });
    if (update.type == PresenceType::Available) {
        if (it != list.end()) *it = update.resource;
        else list.push_back(update.resource);
    } else if (update.type == PresenceType::Unavailable) {
        if (it != list.end()) list.erase(it);
    } else if (update.type == PresenceType::Error) {
        list.clear();  // the contact is unreachable: show offline
    }
    if (list.empty()) state.presence.erase(bare);
}

}  // namespace starling::im
