#include "core/im/stanza_util.h"

#include <string>

#include "core/xml/ns.h"
#include "core/xml/stanza_error.h"

namespace starling::im {

xml::Element iqResult(const xml::Element& request) {
    xml::Element reply(ns::kClient, "iq");
    reply.setAttr("type", "result");
    reply.setAttr("id", request.attr("id"));
    if (!request.attr("from").empty()) reply.setAttr("to", request.attr("from"));
    return reply;
}

xml::Element iqError(const xml::Element& request, std::string_view errorType, std::string_view condition) {
    xml::Element reply(ns::kClient, "iq");
    reply.setAttr("type", "error");
    reply.setAttr("id", request.attr("id"));
    if (!request.attr("from").empty()) reply.setAttr("to", request.attr("from"));
    xml::Element& error = reply.add(ns::kClient, "error");
    error.setAttr("type", errorType);
    error.add(ns::kStanzaErrors, std::string(condition));
    return reply;
}

std::string stanzaErrorCondition(const xml::Element& stanza) { return xml::stanzaErrorParts(stanza).condition; }

std::string stanzaErrorText(const xml::Element& stanza) { return xml::stanzaErrorParts(stanza).text; }

}  // namespace starling::im
