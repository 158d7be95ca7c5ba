#pragma once
// The single-threaded core: owns the session, the modules and the state. Driven by explicit inputs
// from the platform and intents from the UI; never sleeps, blocks or reads a wall clock.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/state.h"
#include "platform/clock.h"
#include "platform/http.h"
#include "platform/persistence.h"
#include "platform/random.h"
#include "platform/transport.h"

namespace starling {

namespace storage { class Store; }

// A server offered for creating an account (config.json "servers", docs/deploy.md).
struct ServerChoice {
    std::string domain;
    std::string websocket;  // "" : XEP-0156 discovery
    std::map<std::string, std::string> notes;  // by language ("en", "ru"; "" = any): registration, where
};

struct ClientConfig {
    std::string defaultDomain;     // from config.json: prefilled on the login screen
    std::string defaultWebsocket;  // from config.json: used when the domain matches defaultDomain
    // The page is served over https: upload slots and files must then be https too (an http page, in
    // development and tests, may use http URLs; aesgcm:// links then map to http).
    bool pageIsHttps = false;
    // The page can make calls (the browser has RTCPeerConnection and the media layer is there): the
    // calls are advertised and taken (issue 16). Off, the calls and XEP-0215 modules stay silent: nothing
    // advertised, call signals left alone, Jingle IQs answered service-unavailable.
    bool calls = false;
    // Servers to create an account on, the default server first (core/site_config.h reads them).
    std::vector<ServerChoice> servers{};
};

struct LoginRequest {
    std::string jid;        // bare JID, or a localpart (then defaultDomain is used)
    std::string password;
    std::string websocketUrl;  // empty: XEP-0156 discovery (or config default for defaultDomain)
    bool remember = true;
    bool allowPlain = false;
    bool registerAccount = false;  // create the account first (XEP-0077)
};

// What one module declares and registers (Client::modules(): tests, docs): its disco#info features, the
// stanzas it handles ("iq get <ns> <name>", "message <ns> <name>", "presence <types>") and the pipeline
// stages it contributes to ("incoming:signals", "outgoing:decorate", "presence:decorate").
struct ModuleDescription {
    std::string name;
    std::vector<std::string> features;
    std::vector<std::string> handles;
    std::vector<std::string> stages;
};

struct Platform {
    platform::Transport& transport;
    platform::Http& http;
    platform::Persistence& persistence;
    platform::Random& random;
    platform::Clock& clock;
    storage::Store& store;
};

class Client {
public:
    Client(Platform platform, ClientConfig config);
    ~Client();

    // Loads settings, remembered credentials and local history; logs in by itself when remembered.
    void start();

    // Platform inputs.
    void onTransportOpen();
    void onFrame(std::string_view text);
    void onTransportClosed(std::string_view reason);
    void onHttpResult(std::uint32_t requestId, int status, std::string_view body);
    void onHttpProgress(std::uint32_t requestId, std::uint64_t done, std::uint64_t total);
    void onTimer();  // call about every 250 ms
    void onPersistError(std::string_view message);

    // Intents.
    void login(const LoginRequest& request);
    // Creating an account with the server's own form (issue 17; State::signup). signupCheck: connect to
    // `domain` (a config server or one typed; `websocket` "" : configured or discovered) and show its form.
    // signupInvitation: an xmpp: invitation link (XEP-0401 / XEP-0379) opens registration on its server
    // with its token; the inviter is befriended once online; false when the link is not one.
    // signupSubmit: the person's answers by field var (false: something is missing, State::signup.problem).
    // signupCancel: back to the login screen.
    void signupCheck(const std::string& domain, const std::string& websocket = {});
    bool signupInvitation(const std::string& uri);
    bool signupSubmit(const std::map<std::string, std::vector<std::string>>& answers);
    void signupCancel();
    // Connects again now with the remembered keys (e.g. a "retry" button while offline); false when
    // nothing is remembered or already online.
    bool reconnect();
    // "Reconnect now" while Reconnecting: the waiting attempt (a lost session's, which still resumes
    // it by XEP-0198 when it can, or a remembered login's retry) is made right away; false when none waits.
    bool reconnectNow();
    void logout(bool forgetLocalData);
    void addContact(const std::string& jid, const std::string& name);
    void approveSubscription(const std::string& jid);
    void denySubscription(const std::string& jid);
    void renameContact(const std::string& jid, const std::string& name);
    void removeContact(const std::string& jid);
    void setPresence(model::Show show, const std::string& status);
    // XEP-0191: ask our server to block (or unblock) a JID or domain; "" unblocks everyone. State::blocked
    // follows the server's answer and pushes. False when the JID is invalid or we are offline (notice).
    bool block(const std::string& jid);
    bool unblock(const std::string& jid);
    // XEP-0045 group chats (State::rooms). A room's messages are in State::conversations under the
    // room's bare JID (Message::from = room@service/nick); sendMessage(roomJid, text) sends to the room,
    // held Queued until we are in it. Each returns false (nothing sent) for an invalid room JID or nick,
    // and the moderation intents also when we are offline or not in the room; the room's refusal shows
    // as Room::error (join) or State::notice "room-moderation-failed".
    // joinRoom: joined again on every new session and after a reload until left; Room::error says why not
    // ("nick-conflict" with Room::proposedNick, "password-required", …).
    bool joinRoom(const std::string& room, const std::string& nick, const std::string& password = {});
    // Joins; when the room is new (status 201) configures it — private: members-only, non-anonymous,
    // persistent, hidden; public: listed, open, persistent — then makes `members` members and invites them.
    bool createRoom(const std::string& room, const std::string& nick, bool isPrivate,
                    const std::vector<std::string>& members);
    bool leaveRoom(const std::string& room);  // the history stays
    bool setRoomSubject(const std::string& room, const std::string& subject);
    bool kick(const std::string& room, const std::string& nick, const std::string& reason = {});
    bool ban(const std::string& room, const std::string& jid, const std::string& reason = {});
    bool grantMembership(const std::string& room, const std::string& jid);
    // A mediated invitation through the room and a direct one (XEP-0249) to `jid`.
    bool invite(const std::string& room, const std::string& jid);
    void openChat(const std::string& jid);  // marks read (a room: also its mentions)
    void closeChat();
    // A room occupant's JID (room@service/nick of a room in State::rooms) sends a private message
    // (XEP-0045 §7.5): type 'chat' with the muc#user <x/>, never encrypted (the room relays it), kept in
    // its own chat under that JID (openChat takes it too), held Queued until we are in the room.
    void sendMessage(const std::string& jid, const std::string& text);
    // Sends a Failed outgoing message again (same id); it goes Queued → Sent like a new one.
    void resendMessage(const std::string& jid, const std::string& messageId);
    // Message actions on message `messageId` of chat `jid` (a room's too). reply: XEP-0461 with a quote
    // for other clients, queued like any message when offline. correct (XEP-0308) and retract
    // (XEP-0424, delete for everyone): only our own messages. react (XEP-0444): our whole set of
    // reactions to it (empty: none). Each returns false (nothing sent, nothing changed) when the message
    // is unknown, not ours where it must be, deleted, or (correct, retract, react) we are offline.
    bool reply(const std::string& jid, const std::string& messageId, const std::string& text);
    bool correct(const std::string& jid, const std::string& messageId, const std::string& text);
    bool retract(const std::string& jid, const std::string& messageId);
    bool react(const std::string& jid, const std::string& messageId, const std::vector<std::string>& emoji);
    // Shared files (issue 14). sendFile: to a chat or room (bare JID) through our server's upload
    // service (State::upload; its limit is said before picking): the message shows at once with an
    // Attachment in state Uploading; encrypted (aesgcm) when the chat is. False (State::notice) when
    // nothing started. cancelTransfer: an upload (the message goes) or a download. retryTransfer: a
    // failed upload or download again. loadAttachment: a click on a file not loaded by itself.
    bool sendFile(const std::string& jid, const std::string& name, const std::string& mime, std::string bytes);
    bool cancelTransfer(const std::string& jid, const std::string& messageId);
    bool retryTransfer(const std::string& jid, const std::string& messageId);
    bool loadAttachment(const std::string& jid, const std::string& messageId);
    // The UI drew this attachment without its bytes: a contact's file is fetched by itself (up to 10 MiB),
    // one the media cache let go (State::media) is fetched again; a stranger's waits for a click.
    void attachmentDrawn(const std::string& jid, const std::string& messageId);
    void setMediaCacheCap(std::size_t bytes);  // State::media's cap (media::MediaCache::kDefaultCap)
    void clearNotice();
    void setLanguage(const std::string& language);  // "en" / "ru"; saved in settings.json
    // Message sync. loadOlder: the archive page before the oldest message of this chat (scrolling
    // back; Conversation::loadingOlder / archiveStart). loadMissing: after a gap (State::sync == Gap or
    // Conversation::gap), "" runs the catch-up again from the stored cursor, a JID fills that chat
    // (while State::sync == Gap, also the catch-up: only it ends an account-wide gap).
    // loadOlder takes local history first (one segment, synchronously) and asks the archive only when
    // nothing older is stored locally.
    void loadOlder(const std::string& jid);
    void loadMissing(const std::string& jid);
    // Brings the stored message `messageId` of chat `jid` (a search hit) into Conversation::messages by
    // loading older local segments; true when it is there now.
    bool revealMessage(const std::string& jid, const std::string& messageId);
    // Full-text search over the local history of the account (case-insensitive, Latin, Cyrillic, …).
    // search() starts a new one ("" clears State::search); searchStep() scans a bounded slice (a few ms)
    // while State::search.running, so the UI never stalls: call it once per frame.
    void search(const std::string& query);
    void searchStep();
    // The person sees the page (visibilitychange): XEP-0352 active/inactive when the server offers
    // it; while hidden no read markers go out.
    void setActive(bool active);
    // Alerts: mute a chat (no notification, no sound, not in the title's count); browser notifications
    // (while the page is hidden) and a sound, per account; the new messages the page should announce now
    // (State::alerts.pending, taken: emptied).
    void setMuted(const std::string& jid, bool muted);
    void setAlertSwitches(bool notify, bool sound);
    std::vector<model::Alert> takeAlerts();
    // XEP-0085: the person edited the draft to a roster contact (true: composing, sent once, then paused
    // after 5 s without another edit) or cleared it (false: paused); a sent message implies active.
    void setTyping(const std::string& jid, bool typing);
    // OMEMO: per-chat encryption switch (saved), and a device marked verified (true) or untrusted (false).
    void setChatEncryption(const std::string& jid, bool on);
    void setDeviceTrust(const std::string& jid, std::uint32_t device, bool trusted);

    // Audio/video calls (issue 16; State::call, one at a time). startCall: a bare JID rings all the
    // contact's devices (XEP-0353), a full JID one device (a direct Jingle session-initiate). acceptCall,
    // declineCall: the call ringing here. hangUp: ends whatever is going on (cancels, declines, hangs up).
    // Each returns false when there is nothing to do (busy, no such call, offline, an invalid JID).
    bool startCall(const std::string& jid, bool video);
    bool acceptCall();
    bool declineCall();
    bool hangUp();
    // The browser's media layer: its work in order (create or answer an offer, the remote answer and
    // candidates, close), and what it produced: its local description (after setLocalDescription), each
    // local candidate (RTCIceCandidate's sdpMid and candidate), and the connection's state (true: ICE and
    // DTLS connected; false: failed for good).
    std::vector<model::CallMediaEvent> takeCallEvents();
    bool callLocalDescription(const std::string& sdp);
    bool callLocalCandidate(const std::string& mid, const std::string& candidate);
    void callMediaState(bool connected);
    // The media layer failed for a reason it knows: "media-error" (no microphone or camera),
    // "failed-application" (the browser refused the peer's description, or could not make its own),
    // "connectivity-error" (ICE or DTLS failed); anything else counts as connectivity-error. Ends the call,
    // telling the peer.
    void callMediaFailed(const std::string& condition);

    // Log lines (dropped stanzas, storage problems). Default: stderr. Received text may appear in them.
    void setLogger(std::function<void(std::string_view line)> logger);

    std::vector<ModuleDescription> modules() const;
    const ClientConfig& config() const;  // e.g. the login screen's default domain
    const model::State& state() const;
    // Increments on every state change: the UI redraws only when it moved.
    std::uint64_t revision() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace starling
