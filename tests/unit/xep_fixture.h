#pragma once
// Loads an XEP example extracted verbatim into tests/fixtures/xml/<xepNNNN>/<example>.xml and parses it
// as a frame in jabber:client (what the client would receive); parseStanza does the same for inline XML.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/xml/element.h"
#include "core/xml/ns.h"
#include "core/xml/parser.h"

namespace starling::test {

inline std::string fixtureText(const std::string& relative) {
    std::ifstream in(std::string(STARLING_FIXTURES_DIR) + "/xml/" + relative, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_FALSE(ss.str().empty()) << "missing fixture " << relative;
    return ss.str();
}

inline xml::Element fixture(const std::string& relative) {
    auto r = xml::parseFrame(fixtureText(relative), {}, ns::kClient);
    EXPECT_TRUE(r.ok()) << relative << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : xml::Element();
}

inline xml::Element parseStanza(std::string_view text) {
    auto r = xml::parseFrame(text, {}, ns::kClient);
    EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : xml::Element();
}

}  // namespace starling::test
