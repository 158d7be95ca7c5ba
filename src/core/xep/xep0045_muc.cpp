#include "core/xep/xep0045_muc.h"

#include <algorithm>
#include <charconv>

#include "core/jid/jid.h"
#include "core/util/strings.h"
#include "core/xml/ns.h"

namespace starling::xep {

namespace {

constexpr std::size_t kMaxStatuses = 16;

std::string occupantJid(std::string_view roomJid, std::string_view nick) {
    return std::string(roomJid) + "/" + std::string(nick);
}

model::Show showOf(std::string_view text) {
    if (text == "chat") return model::Show::Chat;
    if (text == "away") return model::Show::Away;
    if (text == "xa") return model::Show::ExtendedAway;
    if (text == "dnd") return model::Show::DoNotDisturb;
    return model::Show::Available;
}

void addField(xml::Element& form, std::string_view var, std::string_view value) {
    xml::Element& field = form.add(ns::kDataForms, "field");
    field.setAttr("var", var);
    field.addText(ns::kDataForms, "value", value);
}

xml::Element adminIq(std::string_view roomJid) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("to", roomJid);
    iq.setAttr("type", "set");
    iq.add(ns::kMucAdmin, "query");
    return iq;
}

}  // namespace

xml::Element mucJoinPresence(std::string_view roomJid, std::string_view nick, std::string_view password) {
    xml::Element presence(ns::kClient, "presence");
    presence.setAttr("to", occupantJid(roomJid, nick));
    xml::Element& x = presence.add(ns::kMuc, "x");
    x.add(ns::kMuc, "history").setAttr("maxstanzas", "0");
    if (!password.empty()) x.addText(ns::kMuc, "password", password);
    return presence;
}

xml::Element mucLeavePresence(std::string_view roomJid, std::string_view nick) {
    xml::Element presence(ns::kClient, "presence");
    presence.setAttr("to", occupantJid(roomJid, nick));
    presence.setAttr("type", "unavailable");
    return presence;
}

bool OccupantPresence::has(int code) const { return std::find(statuses.begin(), statuses.end(), code) != statuses.end(); }

Result<OccupantPresence> parseOccupantPresence(const xml::Element& presence) {
    auto from = jid::Jid::parse(presence.attr("from"));
    const xml::Element* x = presence.child(ns::kMucUser, "x");
    if (!from || from->resource().empty() || from->local().empty() || !x) return makeError("not-occupant", "no occupant JID or no muc#user <x/>");
    OccupantPresence p;
    p.room = from->bareString();
    p.nick = from->resource();
    p.available = presence.attr("type") != "unavailable";
    p.show = showOf(presence.childText(ns::kClient, "show"));
    if (const xml::Element* item = x->child(ns::kMucUser, "item")) {
        p.affiliation = std::string(item->attr("affiliation"));
        p.role = std::string(item->attr("role"));
        if (auto real = jid::Jid::parse(item->attr("jid"))) p.realJid = real->full();
        p.newNick = std::string(item->attr("nick"));
        p.reason = std::string(item->childText(ns::kMucUser, "reason"));
    }
    if (p.affiliation.empty()) p.affiliation = "none";
    if (p.role.empty()) p.role = "none";
    for (const xml::Element* status : x->childrenNamed(ns::kMucUser, "status")) {
        if (p.statuses.size() >= kMaxStatuses) break;
        const std::string_view text = status->attr("code");
        int code = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), code);
        if (ec == std::errc() && end == text.data() + text.size()) p.statuses.push_back(code);
    }
    if (const xml::Element* destroy = x->child(ns::kMucUser, "destroy")) {
        p.destroyed = true;
        if (auto alt = jid::Jid::parse(destroy->attr("jid"))) p.alternateRoom = alt->bareString();
        if (auto reason = destroy->childText(ns::kMucUser, "reason"); !reason.empty()) p.reason = std::string(reason);
    }
    p.occupantId = occupantIdOf(presence);
    return p;
}

std::string joinErrorCode(const xml::Element& errorPresence) {
    const xml::Element* error = errorPresence.child(ns::kClient, "error");
    if (!error) return "join-failed";
    struct Map {
        const char* condition;
        const char* code;
    };
    static constexpr Map kCodes[] = {{"conflict", "nick-conflict"},         {"not-authorized", "password-required"},
                                     {"registration-required", "members-only"}, {"forbidden", "banned"},
                                     {"item-not-found", "not-found"},       {"not-allowed", "creation-restricted"},
                                     {"service-unavailable", "room-full"}};
    for (const xml::Element& c : error->children()) {
        if (c.ns() != ns::kStanzaErrors) continue;
        for (const auto& m : kCodes)
            if (c.name() == m.condition) return m.code;
    }
    return "join-failed";
}

std::string alternativeNick(std::string_view nick) {
    const std::size_t underscore = nick.rfind('_');
    if (underscore != std::string_view::npos && underscore + 1 <= nick.size()) {
        const std::string_view tail = nick.substr(underscore + 1);
        int n = 0;
        if (tail.empty()) return std::string(nick) + "2";
        auto [end, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), n);
        if (ec == std::errc() && end == tail.data() + tail.size() && n > 0 && n < 1000000)
            return std::string(nick.substr(0, underscore + 1)) + std::to_string(n + 1);
    }
    return std::string(nick) + "_";
}

std::optional<std::string> subjectOf(const xml::Element& message) {
    const xml::Element* subject = message.child(ns::kClient, "subject");
    if (!subject || message.child(ns::kClient, "body")) return std::nullopt;
    return subject->text();
}

xml::Element subjectMessage(std::string_view roomJid, std::string_view subject) {
    xml::Element message(ns::kClient, "message");
    message.setAttr("to", roomJid);
    message.setAttr("type", "groupchat");
    message.addText(ns::kClient, "subject", subject);
    return message;
}

std::string occupantIdOf(const xml::Element& stanza) {
    const xml::Element* id = stanza.child(ns::kOccupantId, "occupant-id");
    return id ? std::string(id->attr("id")) : std::string();
}

xml::Element roomConfigIq(std::string_view roomJid, const RoomConfig& config) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("to", roomJid);
    iq.setAttr("type", "set");
    xml::Element& form = iq.add(ns::kMucOwner, "query").add(ns::kDataForms, "x");
    form.setAttr("type", "submit");
    addField(form, "FORM_TYPE", ns::kMucRoomConfig);
    if (!config.name.empty()) addField(form, "muc#roomconfig_roomname", config.name);
    addField(form, "muc#roomconfig_persistentroom", "1");
    addField(form, "muc#roomconfig_publicroom", config.isPrivate ? "0" : "1");
    addField(form, "muc#roomconfig_membersonly", config.isPrivate ? "1" : "0");
    addField(form, "muc#roomconfig_moderatedroom", "0");
    if (config.isPrivate) {
        addField(form, "muc#roomconfig_whois", "anyone");
        addField(form, "muc#roomconfig_allowinvites", "1");
    }
    return iq;
}

xml::Element instantRoomIq(std::string_view roomJid) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("to", roomJid);
    iq.setAttr("type", "set");
    iq.add(ns::kMucOwner, "query").add(ns::kDataForms, "x").setAttr("type", "submit");
    return iq;
}

bool roomIsEncryptable(const std::vector<std::string>& features) {
    auto has = [&](std::string_view f) { return std::find(features.begin(), features.end(), f) != features.end(); };
    return has("muc_membersonly") && has("muc_nonanonymous");
}

xml::Element mediatedInvite(std::string_view roomJid, std::string_view invitee, std::string_view reason) {
    xml::Element message(ns::kClient, "message");
    message.setAttr("to", roomJid);
    xml::Element& invite = message.add(ns::kMucUser, "x").add(ns::kMucUser, "invite");
    invite.setAttr("to", invitee);
    if (!reason.empty()) invite.addText(ns::kMucUser, "reason", reason);
    return message;
}

xml::Element directInvite(std::string_view roomJid, std::string_view invitee, std::string_view password,
                          std::string_view reason) {
    xml::Element message(ns::kClient, "message");
    message.setAttr("to", invitee);
    xml::Element& x = message.add(ns::kConference, "x");
    x.setAttr("jid", roomJid);
    if (!password.empty()) x.setAttr("password", password);
    if (!reason.empty()) x.setAttr("reason", reason);
    return message;
}

// A room that forwards a mediated invitation may add a direct form too (Prosody does): the mediated one
// names the real inviter, the direct one only the room.
std::optional<Invitation> parseInvitation(const xml::Element& message) {
    const xml::Element* user = message.child(ns::kMucUser, "x");
    if (const xml::Element* invite = user ? user->child(ns::kMucUser, "invite") : nullptr) {
        auto room = jid::Jid::parse(message.attr("from"));
        auto inviter = jid::Jid::parse(invite->attr("from"));
        if (!room || room->local().empty() || !inviter) return std::nullopt;
        return Invitation{room->bareString(), inviter->bareString(), std::string(user->childText(ns::kMucUser, "password")),
                          std::string(util::trim(invite->childText(ns::kMucUser, "reason"))), false};
    }
    if (const xml::Element* x = message.child(ns::kConference, "x")) {
        auto room = jid::Jid::parse(x->attr("jid"));
        auto from = jid::Jid::parse(message.attr("from"));
        if (!room || room->local().empty() || !from) return std::nullopt;
        return Invitation{room->bareString(), from->bareString(), std::string(x->attr("password")),
                          std::string(x->attr("reason")), true};
    }
    return std::nullopt;
}

xml::Element kickIq(std::string_view roomJid, std::string_view nick, std::string_view reason) {
    xml::Element iq = adminIq(roomJid);
    xml::Element& item = iq.child(ns::kMucAdmin, "query")->add(ns::kMucAdmin, "item");
    item.setAttr("nick", nick);
    item.setAttr("role", "none");
    if (!reason.empty()) item.addText(ns::kMucAdmin, "reason", reason);
    return iq;
}

xml::Element affiliationIq(std::string_view roomJid, std::string_view jid, std::string_view affiliation,
                           std::string_view reason) {
    xml::Element iq = adminIq(roomJid);
    xml::Element& item = iq.child(ns::kMucAdmin, "query")->add(ns::kMucAdmin, "item");
    item.setAttr("affiliation", affiliation);
    item.setAttr("jid", jid);
    if (!reason.empty()) item.addText(ns::kMucAdmin, "reason", reason);
    return iq;
}

}  // namespace starling::xep
