#pragma once
// XEP-0379 Pre-Authenticated Roster Subscription and the invitation links of XEP-0401 Easy User
// Onboarding: `xmpp:alice@example.org?roster;preauth=TOKEN;ibr=y` (befriend alice, and register on
// example.org with the token) or `xmpp:example.org?register;preauth=TOKEN` (an account invitation);
// the <preauth/> element that carries the token in the subscription request and in the iq that lets
// a client register (XEP-0401 §5).
#include <string>
#include <string_view>

#include "core/util/result.h"
#include "core/xml/element.h"

namespace starling::xep {

struct Invitation {
    std::string jid;     // the inviter (roster) or the server's domain (register), bare
    std::string domain;  // where the account is created
    std::string action;  // "roster" or "register"
    std::string token;   // preauth, may be empty for a plain roster link
    bool ibr = false;    // the token also allows registering an account (ibr=y, or action register)
    std::string inviter() const { return action == "roster" ? jid : std::string(); }
};

// Parses an RFC 5122 xmpp: URI of action roster or register (percent-decoded; unknown parameters
// ignored). Errors "bad-uri": not an xmpp: URI, a JID that does not parse, another action, a token
// over 256 bytes or with characters outside printable ASCII.
Result<Invitation> parseInvitation(std::string_view uri);

// <preauth xmlns='urn:xmpp:pars:0' token='…'/>
xml::Element preauth(std::string_view token);

// The presence type='subscribe' to `to` carrying the token (XEP-0379 §4): the inviter's server
// approves it without asking.
xml::Element preauthSubscribe(std::string_view to, std::string_view token);

}  // namespace starling::xep
