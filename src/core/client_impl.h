#pragma once
// Client internals shared by client.cpp (session, login, incoming stanzas) and client_intents.cpp
// (the public inputs and UI intents). Not a contract: only the Client uses it.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "core/client.h"
#include "core/client_omemo.h"
#include "core/crypto/hash.h"
#include "core/im/archive_sync.h"
#include "core/im/messages.h"
#include "core/search/history_search.h"
#include "core/storage/account_store.h"
#include "core/stream/session.h"
#include "core/xep/xep0030_disco.h"
#include "core/xep/xep0313_mam.h"

namespace starling {

std::string loginProblemFor(const std::string& sessionCode);

struct Client::Impl {
    static constexpr std::int64_t kDiscoveryTimeoutMs = 15000;
    static constexpr std::int64_t kRetryBaseMs = 2000;   // remembered login, server unreachable
    static constexpr std::int64_t kRetryMaxMs = 60000;

    struct Discovery {
        std::uint32_t xmlId = 0;
        std::uint32_t jsonId = 0;
        bool xmlDone = false;
        bool jsonDone = false;
        std::int64_t deadlineMs = 0;
    };

    Impl(Platform platform, ClientConfig config);

    Platform p;
    ClientConfig config;
    stream::Session session;
    storage::AccountStore data;
    storage::Settings settings;
    model::State state;
    std::uint64_t revision = 0;
    im::MessagePipeline pipeline;
    std::unique_ptr<OmemoService> omemo;  // end-to-end encryption (client_omemo.cpp)
    xep::DiscoInfo disco;
    std::string capsVer;  // XEP-0115 ver of `disco`, sent in every available presence
    std::function<void(std::string_view)> logger;

    // The login in progress (the password lives only until the session is established or fails).
    std::string account;  // bare JID whose data is loaded
    std::string password;
    std::string connectedUrl;
    std::string pinnedMechanism;  // of `account`, from storage
    bool remember = true;
    bool allowPlain = false;
    bool registerAccount = false;
    bool fromRemembered = false;
    std::optional<Discovery> discovery;
    std::uint32_t nextHttpId = 1;
    std::optional<std::int64_t> retryAtMs;  // next remembered-login attempt
    int retryAttempt = 0;
    std::unique_ptr<search::HistorySearch> searcher;  // client_search.cpp: the search State::search shows

    void touch() { ++revision; }
    void wipePassword() {
        crypto::secureZero(password.data(), password.size());
        password.clear();
    }
    void log(std::string_view line);
    std::string uuid();

    void start();
    bool connectRemembered(const std::string& bare);
    void login(const LoginRequest& request);
    void onHttpResult(std::uint32_t id, int status, std::string_view body);
    void connect(const std::string& url, stream::SessionConfig cfg);
    void problem(const std::string& code, const std::string& detail);
    void switchAccount(const std::string& bare);

    void handleSessionState(stream::SessionState s);
    void handleFailed(const Error& e);
    void handleEstablished();
    void handleRosterResult(const Result<xml::Element>& reply);
    void handleStanza(const xml::Element& stanza);
    void handleIq(const xml::Element& iq);
    void handlePresence(const xml::Element& presence);
    void handleMessage(const xml::Element& message);

    // XEP-0198 (client_stream_management.cpp): ids of messages written on this session and not yet
    // acknowledged by the server; they stay Queued and are not flushed again while in flight.
    std::set<std::string> awaitingAck;
    void handleAcked(const xml::Element& stanza);
    void handleResumed();

    // Message sync (client_sync.cpp: carbons, archive catch-up; client_signals.cpp: receipts,
    // displayed markers, chat states, CSI, persisting what the pipeline decided).
    im::SyncData sync;
    im::IncomingOptions incomingOptions(bool countUnread = true) const;
    void applyIncoming(const im::IncomingResult& result, const xml::Element& stanza);
    void syncOnline();  // a new session is online (roster in): carbons, disco, catch-up
    void askAccountFeatures(std::uint64_t epoch, int attempt);  // disco#info of our account
    void startCatchUp();
    im::ArchiveJob* archiveJob(const std::string& chat);  // "" = the account-wide one
    void requestArchivePage(const std::string& chat);
    bool routeArchiveResult(const xml::Element& message);  // true: it was an archive result
    void handleArchiveFin(const std::string& chat, std::uint64_t epoch, const Result<xml::Element>& reply);
    void archiveJobFailed(const std::string& chat, const std::string& why);
    void saveCursor();
    bool holdForCatchUp(const xml::Element& message);  // true: it waits for the catch-up
    void releaseHeld();
    void sendDisplayed(const std::string& peer);
    bool csiAdvertised() const;
    void sendCsi(bool active);

    xml::Element ownPresence() const;  // with the XEP-0115 <c/> unless unavailable

    // The history window (client_history.cpp): older local segments in, a left chat trimmed back.
    static constexpr std::int64_t kArchiveSlackMs = 5 * 60 * 1000;  // archive vs stored timestamps
    bool loadOlderLocal(const std::string& bare);
    void coverStored(const xep::MamResult& result);
    static constexpr int kSignalReachSegments = 2;  // how far back receipts and markers bring history in
    std::map<std::string, int> signalLoads;         // per chat, since it was last trimmed
    void coverSignalTarget(const xml::Element& message);
    void trimHistory(const std::string& bare);

    void transmit(const std::string& peer, model::Message& message);
    void flushChat(const std::string& peer, model::Conversation& conv);  // in order; stops at one that waits
    void flushQueued();
    bool online() const { return state.connection == model::Connection::Online; }
};

}  // namespace starling
