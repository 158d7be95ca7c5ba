#pragma once
// The stanza router: modules register handlers by stanza kind, type and payload (namespace URI, local
// name); the session's incoming stanzas are dispatched here, nowhere else (libstrophe's handler.c,
// Swiften's IQRouter).
//
// - IQ get/set: the one handler registered for the payload's (namespace, name) answers with a result
//   (optionally carrying a payload) or a stanza error; the router sends the reply. An IQ no handler
//   takes is answered service-unavailable here, in one place; an IQ get/set without exactly one payload
//   child is answered bad-request (RFC 6120 §8.2.3); an IQ without an id gets no reply at all (there is
//   nothing it could be matched to) and is logged.
// - Message and presence: every handler whose filter matches is called until one returns Handled::Yes:
//   first those with a payload filter, then those without (catch-alls, e.g. the message pipeline), each
//   group in registration order.
// - No re-entrant dispatch: a dispatch sees the handlers as they were when it began; handlers added or
//   removed meanwhile take effect after it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/xml/element.h"

namespace starling::router {

enum class Kind : std::uint8_t { Message, Presence, Iq };

// RFC 6120 §8.3: what an IQ handler answers instead of a result.
struct StanzaError {
    std::string type;       // cancel, modify, auth, wait, continue
    std::string condition;  // a defined condition of urn:ietf:params:xml:ns:xmpp-stanzas
    std::string text;       // optional <text/> (English, for the other side's logs)
};

// An IQ handler's answer: a result (its payload, or none for an empty result), or a stanza error.
class IqAnswer {
public:
    static IqAnswer result(std::optional<xml::Element> payload = std::nullopt);
    static IqAnswer error(std::string type, std::string condition, std::string text = {});
    // No reply at all: only where a specification says to ignore the request (RFC 6121 §2.1.6, a roster
    // push from anyone but our account), which a reply would not do.
    static IqAnswer ignore();
    bool ok() const { return !m_error; }
    bool ignored() const { return m_ignored; }
    const std::optional<xml::Element>& payload() const { return m_payload; }
    const StanzaError& stanzaError() const { return *m_error; }

private:
    std::optional<xml::Element> m_payload;
    std::optional<StanzaError> m_error;
    bool m_ignored = false;
};

enum class Handled : std::uint8_t { No, Yes };

using IqHandler = std::function<IqAnswer(const xml::Element& iq, const xml::Element& payload)>;
using StanzaHandler = std::function<Handled(const xml::Element& stanza)>;

// What a registration matches. Empty fields match anything; `types` lists the stanza types accepted
// ("" stands for a missing type attribute: 'normal' messages, available presence).
struct Filter {
    Kind kind = Kind::Message;
    std::vector<std::string> types;
    std::string ns;    // payload: a direct child with this namespace URI …
    std::string name;  // … and local name ("" = any name in that namespace)
};

// One registration, as the tests and the disco check see it.
struct Registration {
    std::uint32_t id = 0;
    std::string module;  // who registered it
    Filter filter;
};

class StanzaRouter {
public:
    using HandlerId = std::uint32_t;

    // `send` writes a reply (the session's send); `log` reports what was dropped or answered.
    StanzaRouter(std::function<void(const xml::Element&)> send, std::function<void(std::string_view)> log);

    // IQ get and/or set with payload (ns, name). `types` is a subset of {"get", "set"}.
    HandlerId onIq(std::string module, std::vector<std::string> types, std::string ns, std::string name,
                   IqHandler handler);
    HandlerId onMessage(std::string module, Filter filter, StanzaHandler handler) {
        return onStanza(Kind::Message, std::move(module), std::move(filter), std::move(handler));
    }
    HandlerId onPresence(std::string module, Filter filter, StanzaHandler handler) {
        return onStanza(Kind::Presence, std::move(module), std::move(filter), std::move(handler));
    }
    void remove(HandlerId id);

    // A stanza from the session (jabber:client message, presence, or iq get/set).
    void dispatch(const xml::Element& stanza);

    // Every live registration, in order (pending additions not included until they take effect).
    std::vector<Registration> registrations() const;

private:
    struct Entry {
        Registration reg;
        IqHandler iq;
        StanzaHandler stanza;
        bool removed = false;
    };
    HandlerId add(Entry entry);
    HandlerId onStanza(Kind kind, std::string module, Filter filter, StanzaHandler handler);
    void dispatchIq(const xml::Element& iq);
    void dispatchOther(Kind kind, const xml::Element& stanza);
    static bool matches(const Filter& f, std::string_view type, const xml::Element& stanza);
    void settle();  // applies what changed during a dispatch

    std::function<void(const xml::Element&)> m_send;
    std::function<void(std::string_view)> m_log;
    std::vector<Entry> m_entries;
    std::vector<Entry> m_pending;  // added during a dispatch
    HandlerId m_nextId = 1;
    int m_depth = 0;  // > 0 while dispatching
};

// The reply the router sends for `answer` to `request` (exposed for tests).
xml::Element iqReply(const xml::Element& request, const IqAnswer& answer);

}  // namespace starling::router
