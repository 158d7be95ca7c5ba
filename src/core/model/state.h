#pragma once
// Client state as explicit data. The UI is a function of this and emits intents to Client.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/media/media_cache.h"
#include "core/model/call.h"
#include "core/model/signup.h"

namespace starling::model {

enum class Connection { LoggedOut, Discovering, Connecting, Authenticating, Online, Reconnecting, Failed };
enum class Show { Available, Chat, Away, ExtendedAway, DoNotDisturb, Offline };
enum class Direction { Incoming, Outgoing };
enum class MessageStatus { Queued, Sent, Delivered, Displayed, Failed, Received };
// XEP-0085 state of the peer in a chat (None: never told).
enum class ChatState { None, Active, Composing, Paused, Inactive, Gone };
// Archive catch-up of this session (XEP-0313): Gap = it stopped early; "load missing messages".
enum class Sync { Idle, CatchingUp, Done, Gap };

struct RosterItem {
    std::string jid;  // bare
    std::string name;
    std::string subscription;  // none | to | from | both
    bool askSubscribe = false;  // we asked, pending
    std::vector<std::string> groups;
};

struct ResourcePresence {
    std::string resource;
    Show show = Show::Available;
    std::string status;
    int priority = 0;
};

// A file shared in a message (XEP-0363 upload + XEP-0066 OOB, or an XEP-0454 aesgcm:// link in an OMEMO
// body). Uploading → Sent (ours); incoming: Available (not fetched: too large, or from a stranger: a click
// loads it) / Blocked (never loaded by itself: a stranger's) → Downloading → Ready, or Failed (error).
enum class AttachmentState { Uploading, Sent, Available, Downloading, Ready, Blocked, Failed };
enum class AttachmentKind { Unknown, Image, Audio, File };  // Image: a raster picture we may draw
struct Attachment {
    std::string url;   // the GET URL, or the aesgcm:// link (it carries the key: never shown, never opened)
    std::string name;  // sanitized file name
    std::string mime;  // as declared (untrusted); what is drawn is decided from the bytes
    std::uint64_t size = 0;   // bytes (0: unknown until fetched)
    bool encrypted = false;   // aesgcm
    AttachmentState state = AttachmentState::Available;
    AttachmentKind kind = AttachmentKind::Unknown;
    std::uint64_t done = 0;   // bytes moved so far (upload or download)
    int width = 0;            // image size from its header (kind Image)
    int height = 0;
    std::string error;        // Failed, or Available after a refusal: a code ("too-large", "aesgcm-tag", …)
};

struct Message {
    std::string id;        // our uuid for outgoing (= origin-id); origin-id or id for incoming
    std::string stanzaId;  // XEP-0359 stanza-id from our own archive, if any
    std::string originId;  // XEP-0359 origin-id as received (incoming; ours is `id`); empty if none
    std::string from;      // sender full JID (incoming) or own full JID (outgoing)
    std::string body;
    Direction direction = Direction::Incoming;
    MessageStatus status = MessageStatus::Received;
    bool encrypted = false;
    std::int64_t timestampMs = 0;  // Unix epoch ms
    // Failed: why, as "<code>[ <detail>]": the code a stanza error condition (RFC 6120 §8.3.3) or ours
    // ("omemo-no-trusted-device", "omemo-<encryption error>", "not-in-room": removed from the room), the detail the server's text (bounded), if
    // any. An incoming message that could not be decrypted: "omemo-undecryptable <device id>".
    std::string error;
    // OMEMO: "" when the sending device was trusted (or nothing was encrypted); else "<mark> <device id>",
    // mark "untrusted" (decrypted from a device the person distrusts or has not verified after verifying
    // others) or "identity-changed" (the device's identity key is not the one we knew).
    std::string omemoWarning;
    // Message actions (XEP-0308, 0424, 0444, 0461), the same for a chat and a room. Only the sender's own
    // corrections and retractions change a message; anyone in the chat may react.
    bool edited = false;          // corrected by its sender: `body` is the newest text
    std::string originalBody;     // the text before the first correction (kept for the person to see)
    std::string editId;           // id of the correction applied last (an older client's chain points at it)
    std::int64_t editedMs = 0;    // that correction's time: an older one arriving later changes nothing
    bool retracted = false;       // deleted for everyone by its sender: `body` and `originalBody` are empty
    std::map<std::string, std::set<std::string>> reactions;  // emoji → who (bare JIDs; a room: occupant JIDs)
    std::string replyTo;          // id of the message this one answers ("" when none), as the sender named it
    std::string replyToJid;       // the author of that message as the reply names it (untrusted)
    std::optional<Attachment> attachment;  // a shared file (media modules)
    bool unstyled = false;  // the sender asked for no styling (XEP-0393 <unstyled/>): drawn as plain text
};

struct Conversation {
    std::string jid;  // bare JID of the peer
    std::vector<Message> messages;  // oldest first
    int unread = 0;
    ChatState peerState = ChatState::None;  // typing indicator
    // Messages may be missing before the newest ones here: the archive catch-up stopped early (shown
    // with "load missing messages" → Client::loadMissing(jid)).
    bool gap = false;
    bool loadingOlder = false;    // Client::loadOlder(jid) in flight
    bool archiveStart = false;    // the archive has nothing older than messages.front()
    // History window: `messages` holds the newest part of the chat; this many older messages are stored
    // locally but not in memory (Client::loadOlder brings them in one segment at a time, before asking
    // the archive; Client::revealMessage brings back the one a search result points at).
    std::size_t localBefore = 0;
};

// Full-text search over the account's local history (Client::search / searchStep). Hits come newest
// first; `snippet` is a UTF-8 excerpt of the body around the first match, [matchStart, matchStart +
// matchLength) its bytes of the match.
struct SearchHit {
    std::string peer;  // bare JID of the chat
    std::string messageId;
    std::int64_t timestampMs = 0;
    bool outgoing = false;
    std::string snippet;
    std::size_t matchStart = 0;
    std::size_t matchLength = 0;
};
struct Search {
    std::string query;            // as typed; empty: no search
    std::vector<SearchHit> hits;  // newest first, at most kMaxHits
    bool running = false;         // more history to scan: call Client::searchStep()
    bool truncated = false;       // stopped at kMaxHits
    std::size_t scanned = 0;      // messages looked at so far
    static constexpr std::size_t kMaxHits = 500;
};

// OMEMO (legacy) as the UI shows it; the client mirrors it from its OMEMO account after every change.
enum class DeviceTrust { Blind, Verified, Untrusted };
struct OmemoDevice {
    std::uint32_t id = 0;
    std::string fingerprint;  // grouped hex; empty until a session exists
    DeviceTrust trust = DeviceTrust::Blind;
};
struct Omemo {
    std::uint32_t ownDeviceId = 0;  // 0: not ready
    bool ownDeviceAnnounced = false;  // this session's list and bundle are acknowledged by the server
    std::string ownFingerprint;
    std::map<std::string, std::vector<OmemoDevice>> devices;  // bare JID → active devices (own: the others)
    std::map<std::string, bool> chatEncrypted;  // bare JID → messages to it are encrypted now
    std::map<std::string, int> chatMode;        // bare JID → 1 on, 2 off (absent: default)
    // Chats whose next message waits (Queued) for a device list or bundle not answered yet.
    std::set<std::string> waitingForKeys;
};

// XEP-0045 group chats. A room's messages live in State::conversations under the room's bare JID, as a
// one-to-one chat's do, with Message::from = room@service/nick.
struct Occupant {
    std::string nick;
    std::string realJid;      // full JID when the room shows it (non-anonymous, or we moderate); else ""
    std::string role;         // moderator | participant | visitor | none
    std::string affiliation;  // owner | admin | member | outcast | none
    Show show = Show::Available;
    std::string occupantId;   // XEP-0421, "" when the room gives none
};
struct Room {
    std::string jid;   // bare JID of the room
    std::string nick;  // our nickname in it
    bool joined = false;   // our self-presence (status 110) arrived
    bool joining = false;  // our join presence went out, no answer yet
    std::string subject;
    std::string password;  // "" when none
    std::map<std::string, Occupant> occupants;  // nick → occupant (us included)
    std::string selfOccupantId;                 // XEP-0421 id the room gives us
    // Members-only and non-anonymous (disco#info muc_membersonly + muc_nonanonymous): OMEMO can reach
    // every member.
    bool encryptable = false;
    // OMEMO is on for it: what we send is encrypted to every member's devices (encryptable, and not
    // switched off for this room).
    bool encrypted = false;
    int mentions = 0;  // messages naming our nick since the room was last opened (apart from unread)
    // Why we are not (or no longer) in it, as a code the UI translates: "nick-conflict" (proposedNick
    // is free to try), "password-required", "members-only", "banned", "not-found", "creation-restricted",
    // "room-full", "kicked", "removed-banned", "removed-affiliation", "removed-members-only",
    // "removed-shutdown", "destroyed", "join-failed" (another error, detail in errorText); "" when none.
    std::string error;
    std::string errorText;     // the server's words or the reason given (untrusted, display only)
    std::string proposedNick;  // nick-conflict: an alternative to try
};

// An invitation to a room (XEP-0045 mediated or XEP-0249 direct): a request the person accepts
// (Client::joinRoom) or declines, never an automatic join.
struct RoomInvitation {
    std::string room;     // bare JID of the room
    std::string inviter;  // bare JID of who invited (untrusted: anyone can send one)
    std::string password;
    std::string reason;   // untrusted text
};

// A login-screen problem, as a code the UI translates: "auth-failed", "unreachable", "no-endpoint",
// "registration-conflict", "registration-closed", "registration-not-acceptable", "bad-jid",
// "server-error", "no-mechanism".
struct LoginProblem {
    std::string code;
    std::string detail;  // server text, if any (untrusted: display only)
};

// What makes a sound or a notification (alerts module): per-chat mute, and this account's choices for
// browser notifications and a sound. `pending`: new messages the page should announce (Client::takeAlerts).
struct Alert {
    std::string chat;     // bare JID of the chat (contact or room)
    std::string from;     // the sender: bare JID, or the room/nick of an occupant
    std::string body;     // bounded preview (untrusted text: display only); "" for a shared file
    std::string messageId;
    bool room = false;
    bool attachment = false;
};
struct Alerts {
    std::set<std::string> muted;  // bare JIDs of muted chats
    bool notify = false;          // browser notifications while the page is hidden
    bool sound = false;           // a short sound for a new message not in view
    std::vector<Alert> pending;   // newest last; one per chat (the newest message), at most kMaxPending
    static constexpr std::size_t kMaxPending = 20;
};

struct State {
    Connection connection = Connection::LoggedOut;
    std::string ownJid;  // full JID once bound; bare JID while connecting
    LoginProblem loginProblem;
    Show ownShow = Show::Available;
    std::string ownStatus;

    std::vector<RosterItem> roster;  // sorted by display name
    std::map<std::string, std::vector<ResourcePresence>> presence;  // bare JID → online resources
    std::vector<std::string> subscriptionRequests;                  // incoming, bare JIDs
    std::map<std::string, std::string> nicknames;  // bare JID → the name they gave themselves (XEP-0172)
    std::map<std::string, Conversation> conversations;              // bare JID → chat
    std::string openChat;                                            // bare JID or empty

    std::string storageError;  // last persistence error, shown to the person; empty if none
    std::string notice;        // last non-fatal notice (e.g. "contact removed"), code for i18n
    bool remembered = false;   // credentials are stored for auto-login
    std::string language;      // from settings.json ("en", "ru"), empty: browser default
    bool rosterReceived = false;  // the roster result of this session arrived
    Omemo omemo;                  // end-to-end encryption (keys never here)
    Sync sync = Sync::Idle;       // archive catch-up; Gap: Client::loadMissing("") retries
    Search search;                // local full-text search
    // XEP-0191: bare JIDs (or domains) our server blocks for us, sorted; the server's list, kept in step
    // by its pushes. blockingSupported: our server answered the blocklist (false: not offered).
    std::vector<std::string> blocked;
    bool blockingSupported = false;
    std::map<std::string, Room> rooms;  // bare room JID → room we are in, joining, or were removed from
    // Rooms not in `rooms` that we know are rooms: left (here or on another device), removed from before
    // a reload, or bookmarked without autojoin. Their occupants' private messages are still private chats
    // (im/occupant_chat.h), never the room's old chat nor a contact's. Kept in rooms.json.
    std::set<std::string> formerRooms;
    std::vector<RoomInvitation> roomInvitations;  // received live, newest last, one per room
    // XEP-0363: our server's upload service ("" jid: none found (yet)); maxFileSize 0: no stated limit.
    struct Upload {
        std::string jid;
        std::uint64_t maxFileSize = 0;
    } upload;
    // The bytes of Ready attachments (plaintext), by Attachment::url, capped by size (least recently drawn
    // let go first). Shared: the UI hands them to the browser to decode or save without a copy in the state.
    media::MediaCache media;
    Alerts alerts;
    Call call;                          // the audio/video call (issue 16), Idle when none
    Signup signup;                      // creating an account (issue 17), Idle when not
    std::vector<IceServer> iceServers;  // STUN/TURN from our server (XEP-0215), for RTCPeerConnection
};

int totalUnread(const State& state);
// The unread count of the chats that are not muted (the title, the favicon).
int unmutedUnread(const State& state);
// The State::media key of a file being sent (its URL does not exist yet): the UI shows it from there.
inline std::string localMediaKey(const std::string& messageId) { return "local:" + messageId; }
// Best presence of a contact (highest priority, then most available); Offline when none.
Show bestShow(const State& state, const std::string& bareJid);
// Our server blocks this bare JID (XEP-0191): State::blocked lists it or its domain (as the server
// matches; a blocked full JID blocks only that resource, not the bare JID).
bool isBlocked(const State& state, std::string_view bareJid);

}  // namespace starling::model
