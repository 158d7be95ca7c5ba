#include "core/router/stanza_router.h"

#include <algorithm>

#include "core/im/stanza_util.h"
#include "core/xml/ns.h"

namespace starling::router {

IqAnswer IqAnswer::result(std::optional<xml::Element> payload) {
    IqAnswer a;
    a.m_payload = std::move(payload);
    return a;
}

IqAnswer IqAnswer::error(std::string type, std::string condition, std::string text) {
    IqAnswer a;
    a.m_error = StanzaError{std::move(type), std::move(condition), std::move(text)};
    return a;
}

IqAnswer IqAnswer::ignore() {
    IqAnswer a;
    a.m_ignored = true;
    return a;
}

xml::Element iqReply(const xml::Element& request, const IqAnswer& answer) {
    if (answer.ok()) {
        xml::Element reply = im::iqResult(request);
        if (answer.payload()) reply.add(*answer.payload());
        return reply;
    }
    const StanzaError& e = answer.stanzaError();
    xml::Element reply = im::iqError(request, e.type, e.condition);
    if (!e.text.empty()) {
        if (xml::Element* error = reply.child(ns::kClient, "error")) error->addText(ns::kStanzaErrors, "text", e.text);
    }
    return reply;
}

StanzaRouter::StanzaRouter(std::function<void(const xml::Element&)> send, std::function<void(std::string_view)> log)
    : m_send(std::move(send)), m_log(std::move(log)) {}

StanzaRouter::HandlerId StanzaRouter::add(Entry entry) {
    entry.reg.id = m_nextId++;
    const HandlerId id = entry.reg.id;
    (m_depth > 0 ? m_pending : m_entries).push_back(std::move(entry));
    return id;
}

StanzaRouter::HandlerId StanzaRouter::onIq(std::string module, std::vector<std::string> types, std::string ns,
                                           std::string name, IqHandler handler) {
    Entry e;
    e.reg.module = std::move(module);
    e.reg.filter = Filter{Kind::Iq, std::move(types), std::move(ns), std::move(name)};
    e.iq = std::move(handler);
    return add(std::move(e));
}

StanzaRouter::HandlerId StanzaRouter::onStanza(Kind kind, std::string module, Filter filter, StanzaHandler handler) {
    Entry e;
    e.reg.module = std::move(module);
    filter.kind = kind;
    e.reg.filter = std::move(filter);
    e.stanza = std::move(handler);
    return add(std::move(e));
}

void StanzaRouter::remove(HandlerId id) {
    for (auto* list : {&m_entries, &m_pending})
        for (auto& e : *list)
            if (e.reg.id == id) e.removed = true;
    if (m_depth == 0) settle();
}

void StanzaRouter::settle() {
    m_entries.erase(std::remove_if(m_entries.begin(), m_entries.end(), [](const Entry& e) { return e.removed; }),
                    m_entries.end());
    for (auto& e : m_pending)
        if (!e.removed) m_entries.push_back(std::move(e));
    m_pending.clear();
}

std::vector<Registration> StanzaRouter::registrations() const {
    std::vector<Registration> out;
    for (const auto& e : m_entries)
        if (!e.removed) out.push_back(e.reg);
    return out;
}

bool StanzaRouter::matches(const Filter& f, std::string_view type, const xml::Element& stanza) {
    if (!f.types.empty() && std::find(f.types.begin(), f.types.end(), type) == f.types.end()) return false;
    if (f.ns.empty()) return true;
    for (const auto& c : stanza.children())
        if (c.ns() == f.ns && (f.name.empty() || c.name() == f.name)) return true;
    return false;
}

void StanzaRouter::dispatch(const xml::Element& stanza) {
    // What a handler adds or removes takes effect when the outermost dispatch returns (settle()).
    ++m_depth;
    if (stanza.is(ns::kClient, "iq")) dispatchIq(stanza);
    else if (stanza.is(ns::kClient, "message")) dispatchOther(Kind::Message, stanza);
    else if (stanza.is(ns::kClient, "presence")) dispatchOther(Kind::Presence, stanza);
    else m_log("dropped unknown stanza <" + stanza.name() + "> in " + stanza.ns());
    if (--m_depth == 0) settle();
}

void StanzaRouter::dispatchIq(const xml::Element& iq) {
    const std::string_view type = iq.attr("type");
    if (type != "get" && type != "set") {
        m_log("dropped iq of type '" + std::string(type) + "'");  // results and errors: the IQ tracker's
        return;
    }
    if (!iq.hasAttr("id") || iq.attr("id").empty()) {
        m_log("dropped iq " + std::string(type) + " without an id (nothing a reply could be matched to)");
        return;
    }
    if (iq.children().size() != 1) {
        m_log("answered bad-request to iq " + std::string(type) + " with " + std::to_string(iq.children().size()) +
              " payloads");
        m_send(iqReply(iq, IqAnswer::error("modify", "bad-request")));
        return;
    }
    const xml::Element& payload = iq.children().front();
    for (std::size_t i = 0, n = m_entries.size(); i < n; ++i) {
        const Entry& e = m_entries[i];
        if (e.reg.filter.kind != Kind::Iq || !matches(e.reg.filter, type, iq)) continue;
        const IqAnswer answer = e.iq(iq, payload);
        if (!answer.ignored()) m_send(iqReply(iq, answer));
        return;
    }
    m_log("answered service-unavailable to iq " + std::string(type) + " " + payload.ns() + " " + payload.name());
    m_send(iqReply(iq, IqAnswer::error("cancel", "service-unavailable")));
}

void StanzaRouter::dispatchOther(Kind kind, const xml::Element& stanza) {
    const std::string_view type = stanza.attr("type");
    // A dispatch sees the handlers as they were when it began: m_entries neither grows nor shrinks
    // meanwhile (additions wait in m_pending, removals are only flagged until settle()).
    for (const bool catchAll : {false, true}) {
        for (std::size_t i = 0, n = m_entries.size(); i < n; ++i) {
            const Entry& e = m_entries[i];
            if (e.reg.filter.kind != kind || e.reg.filter.ns.empty() != catchAll) continue;
            if (!matches(e.reg.filter, type, stanza)) continue;
            if (e.stanza(stanza) == Handled::Yes) return;
        }
    }
    m_log(std::string("dropped ") + (kind == Kind::Message ? "message" : "presence") + " from '" +
          std::string(stanza.attr("from")) + "': no handler took it");
}

}  // namespace starling::router
