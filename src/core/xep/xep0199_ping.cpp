#include "core/xep/xep0199_ping.h"

#include "core/xml/ns.h"

namespace starling::xep {

bool isPingRequest(const xml::Element& iq) {
    return iq.is(ns::kClient, "iq") && iq.attr("type") == "get" && iq.child(ns::kPing, "ping") != nullptr;
}

xml::Element pingResult(const xml::Element& request) {
    xml::Element reply(ns::kClient, "iq");
    reply.setAttr("type", "result");
    reply.setAttr("id", request.attr("id"));
    if (!request.attr("from").empty()) reply.setAttr("to", request.attr("from"));
    return reply;
}

xml::Element pingRequest(const std::string& to) {
    xml::Element iq(ns::kClient, "iq");
    iq.setAttr("type", "get");
    if (!to.empty()) iq.setAttr("to", to);
    iq.add(ns::kPing, "ping");
    return iq;
}

}  // namespace starling::xep
