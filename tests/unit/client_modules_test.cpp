// The modules behind the router, as a peer sees them: what disco#info advertises is exactly what the
// registered modules declare, each advertised feature is backed by what its module handles, everything
// others may ask or send us is advertised, and the XEP-0115 ver in our presence verifies (§5.4) against
// the disco#info answer for node#ver.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "client_test_harness.h"
#include "core/crypto/hash.h"
#include "core/xml/ns.h"

namespace starling {
namespace {

using test::stanza;

class ClientModules : public test::LoggedInClientTest {
protected:
    void SetUp() override { logIn(); }

    xml::Element discoInfo(const std::string& node = "") {
        const std::string nodeAttr = node.empty() ? "" : R"( node=")" + node + R"(")";
        h->feed(stanza(R"(<iq type="get" id="d1" from="bob@localhost/phone" to=")" + h->boundJid +
                       R"("><query xmlns="http://jabber.org/protocol/disco#info")" + nodeAttr + "/></iq>"));
        return h->sentOne();
    }

    static bool has(const std::vector<std::string>& list, const std::string& prefix) {
        return std::any_of(list.begin(), list.end(), [&](const std::string& s) { return s.rfind(prefix, 0) == 0; });
    }
};

std::vector<std::string> featuresOf(const xml::Element& reply) {
    std::vector<std::string> out;
    if (const xml::Element* q = reply.child(ns::kDiscoInfo, "query"))
        for (const auto* f : q->childrenNamed(ns::kDiscoInfo, "feature")) out.emplace_back(f->attr("var"));
    return out;
}

TEST_F(ClientModules, DiscoInfoIsExactlyWhatTheModulesDeclare) {
    std::set<std::string> declared;
    for (const auto& m : h->client->modules())
        for (const auto& f : m.features) EXPECT_TRUE(declared.insert(f).second) << f << " declared twice";
    const std::vector<std::string> advertised = featuresOf(discoInfo());
    EXPECT_EQ(std::set<std::string>(advertised.begin(), advertised.end()), declared);
    EXPECT_EQ(advertised.size(), declared.size()) << "each once";
}

// Each advertised feature is backed by its module: an IQ or message handler in that namespace, the PEP
// event handler for a "+notify" feature, or (for the per-message XEPs: receipts, markers, chat states,
// stanza ids, message actions, the styling hint) stages of the message pipelines; caps by the presence
// decoration.
TEST_F(ClientModules, EveryAdvertisedFeatureIsHandledByTheModuleThatDeclaresIt) {
    for (const auto& m : h->client->modules()) {
        for (const auto& f : m.features) {
            SCOPED_TRACE(m.name + " advertises " + f);
            const bool notify = f.size() > 7 && f.compare(f.size() - 7, 7, "+notify") == 0;
            bool backed = false;
            for (const auto& handled : m.handles) {
                if (handled.find(" " + f + " ") != std::string::npos) backed = true;
                if (notify && handled.rfind("message", 0) == 0 && handled.find(ns::kPubsubEvent) != std::string::npos)
                    backed = true;
            }
            if (f == ns::kCaps) backed = has(m.stages, "presence:decorate");
            if (!backed && !notify)
                backed = has(m.stages, "incoming:signals") || has(m.stages, "incoming:decrypt") ||
                         has(m.stages, "incoming:store") || has(m.stages, "outgoing:decorate");
            EXPECT_TRUE(backed);
        }
    }
}

// What others may ask or tell us is advertised: every IQ get handler's namespace (queries from anyone),
// and every module that reads signals others put in messages. Exempt: what only our own server sends
// (roster and blocking pushes: IQ set checked against our account; carbons; archive results) and the
// local history window.
TEST_F(ClientModules, EverythingOthersMayAskOrSignalIsAdvertised) {
    std::set<std::string> advertised;
    for (const auto& f : featuresOf(discoInfo())) advertised.insert(f);
    int signalModules = 0;
    for (const auto& m : h->client->modules()) {
        SCOPED_TRACE(m.name);
        for (const auto& handled : m.handles) {
            if (handled.rfind("iq get", 0) != 0) continue;
            const std::string rest = handled.substr(handled.find(' ', 3) + 1);
            const std::string nsHandled = rest.substr(0, rest.find(' '));
            EXPECT_TRUE(advertised.count(nsHandled)) << handled;
        }
        if (has(m.stages, "incoming:signals") && m.name != "history") {
            ++signalModules;
            EXPECT_FALSE(m.features.empty()) << "reads signals from others but advertises nothing";
        }
    }
    EXPECT_EQ(signalModules, 5) << "receipts, chat markers, chat states, retractions, reactions";
    for (const char* f : {ns::kReceipts, ns::kChatMarkers, ns::kChatStates, ns::kRetract, ns::kReactions})
        EXPECT_TRUE(advertised.count(f)) << f;
}

// XEP-0115 §5.4: the receiver asks disco#info for node#ver and checks that ver is
// base64(SHA-1(S)) of the answer, S built per §5.1 (identities category/type/lang/name, then features,
// each sorted, each followed by '<').
TEST_F(ClientModules, TheCapsVerInOurPresenceVerifiesAgainstTheDiscoInfoAnswer) {
    h->client->setPresence(model::Show::Available, "");
    const auto sent = h->takeSent();
    ASSERT_EQ(sent.size(), 1u);
    const xml::Element* c = sent[0].child(ns::kCaps, "c");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->attr("hash"), "sha-1");
    const std::string node(c->attr("node")), ver(c->attr("ver"));
    const xml::Element reply = discoInfo(node + "#" + ver);
    ASSERT_EQ(reply.attr("type"), "result");
    const xml::Element* q = reply.child(ns::kDiscoInfo, "query");
    ASSERT_NE(q, nullptr);
    EXPECT_EQ(q->attr("node"), node + "#" + ver);
    std::vector<std::string> identities;
    for (const auto* i : q->childrenNamed(ns::kDiscoInfo, "identity")) {
        const std::string* lang = i->findAttr("lang", ns::kXml);
        identities.push_back(std::string(i->attr("category")) + "/" + std::string(i->attr("type")) + "/" +
                             (lang ? *lang : std::string()) + "/" + std::string(i->attr("name")));
    }
    std::vector<std::string> features = featuresOf(reply);
    std::sort(identities.begin(), identities.end());
    std::sort(features.begin(), features.end());
    ASSERT_EQ(std::adjacent_find(features.begin(), features.end()), features.end()) << "§5.4: no duplicate feature";
    std::string s;
    for (const auto& i : identities) s += i + "<";
    for (const auto& f : features) s += f + "<";
    EXPECT_EQ(ver, crypto::base64Encode(crypto::hash(crypto::HashAlgo::Sha1, s))) << s;
    // Another node, or a stale ver, is not ours.
    const xml::Element stale = discoInfo(node + "#stale");
    EXPECT_EQ(stale.attr("type"), "error");
}

// We draw XEP-0393 styling and honour the <unstyled/> hint: a sender may ask (§6), so it is advertised.
TEST_F(ClientModules, MessageStylingIsAdvertised) {
    const std::vector<std::string> advertised = featuresOf(discoInfo());
    EXPECT_TRUE(std::count(advertised.begin(), advertised.end(), ns::kStyling) == 1);
}

}  // namespace
}  // namespace starling
