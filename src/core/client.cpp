// The Client composes: it wires the session to the router and the modules, and turns session events
// into the modules' lifecycle calls. It does no feature's work itself (modules/).
#include "core/client.h"

#include <cstdio>

#include "core/client_impl.h"
#include "core/im/roster.h"

namespace starling {

Client::Impl::Modules::Modules(modules::Core& core, ClientConfig config, Impl& impl)
    : account(core, config, [&impl](const std::string& bare) { impl.switchAccount(bare); }),
      signup(core, account, roster),
      externalServices(core, config.calls),
      calls(core, externalServices, config.calls),
      presence(core),
      muc(core, [this] { chat.flushQueued(); }),
      history(core, chat),  // keeps a reference: chat is built below
      replies(core, chat),  // likewise
      correction(core, chat),
      retraction(core, chat),
      reactions(core),
      chat(core),
      receipts(core),
      markers(core),
      stanzaId(core),
      chatStates(core),
      csi(core),
      carbons(core),
      omemo(core, [this] { chat.flushQueued(); }),
      omemoMuc(core, omemo.service(), muc, [this] { chat.flushQueued(); }),
      oob(core),  // after omemo: its Decrypt stage reads the decrypted body
      styling(core),
      upload(core, chat, config, [this] { return account.connectedUrl(); }),
      downloads(core, config, [this] { return account.connectedUrl(); }),
      roster(core, [&impl] { impl.online(); }),
      archive(core, history, markers),
      ping(core),
      blocking(core),
      search(core),
      bookmarks(core, muc),
      selfPing(core, muc),
      displayedSync(core, markers),
      nick(core),
      alerts(core),
      disco(core, presence) {
    disco.build(all());
}

std::vector<modules::Module*> Client::Impl::Modules::all() {
    return {&account,  &presence, &muc,     &replies, &correction, &retraction, &reactions, &chat,
            &history,  &receipts, &markers, &stanzaId, &chatStates, &csi,       &carbons,   &omemo,
            &omemoMuc, &oob,      &styling,  &upload,   &downloads, &roster, &archive,    &ping,      &blocking,  &search,
            &bookmarks, &selfPing, &displayedSync, &nick, &alerts, &externalServices, &calls, &signup, &disco};
}

Client::Impl::Impl(Platform platform, ClientConfig config)
    : session(platform.transport, platform.clock, platform.random),
      store(platform.store, platform.persistence),
      router([this](const xml::Element& reply) { session.send(reply); }, [this](std::string_view line) { core.log(line); }),
      core(platform, session, store, state, router, incoming, outgoing),
      m(core, std::move(config), *this) {
    core.logger = [](std::string_view line) { std::fprintf(stderr, "starling: %.*s\n", int(line.size()), line.data()); };
    store.onError = [this](const std::string& message) {
        state.storageError = message;
        core.log("storage: " + message);
        core.touch();
    };
    session.onStanza = [this](const xml::Element& stanza) { router.dispatch(stanza); };
    session.onEstablished = [this] { established(); };
    session.onResumed = [this] { resumed(); };
    session.onAcked = [this](const xml::Element& stanza) { m.chat.acked(stanza); };
    session.onStateChanged = [this](stream::SessionState s) {
        m.account.sessionState(s);
        if (s == stream::SessionState::WaitingReconnect) offline();
    };
    session.onFailed = [this](const Error& e) {
        m.account.sessionFailed(e);
        offline();
    };
    session.onLog = [this](std::string_view line) { core.log(line); };
    session.onRegistrationForm = [this](const xml::Element& iq) { m.signup.form(iq); };
    session.onRegistrationRefused = [this](const Error& e) { m.signup.refused(e); };
    m.account.onProblem = [this](const std::string& code, const std::string& detail) { m.signup.failed(code, detail); };
}

// Loads the account's roster and history when it becomes the current one.
void Client::Impl::switchAccount(const std::string& bare) {
    if (core.account == bare) return;
    core.account = bare;
    state.roster = store.loadRoster(bare);
    im::sortRoster(state.roster);
    state.conversations = store.loadHistory(bare);
    state.presence.clear();
    state.subscriptionRequests.clear();
    state.openChat.clear();
    for (modules::Module* mod : m.all()) mod->onAccount();
    core.touch();
}

void Client::Impl::established() {
    for (modules::Module* mod : m.all()) mod->onEstablished();
}

void Client::Impl::online() {
    state.rosterReceived = true;
    state.connection = model::Connection::Online;
    core.touch();
    for (modules::Module* mod : m.all()) mod->onOnline();
}

void Client::Impl::resumed() {
    state.ownJid = session.boundJid().empty() ? core.account : session.boundJid();
    state.rosterReceived = true;  // the roster we had is still the session's roster
    state.connection = model::Connection::Online;
    core.touch();
    // Written while offline goes out now; the unacked tail was already re-sent by the session.
    for (modules::Module* mod : m.all()) mod->onResumed();
}

void Client::Impl::offline() {
    for (modules::Module* mod : m.all()) mod->onOffline();
}

}  // namespace starling
