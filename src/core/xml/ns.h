#pragma once
// Every namespace string lives here.
namespace starling::ns {

inline constexpr const char* kFraming = "urn:ietf:params:xml:ns:xmpp-framing";
inline constexpr const char* kStreams = "http://etherx.jabber.org/streams";
inline constexpr const char* kClient = "jabber:client";
inline constexpr const char* kStreamErrors = "urn:ietf:params:xml:ns:xmpp-streams";
inline constexpr const char* kStanzaErrors = "urn:ietf:params:xml:ns:xmpp-stanzas";
inline constexpr const char* kSasl = "urn:ietf:params:xml:ns:xmpp-sasl";
inline constexpr const char* kBind = "urn:ietf:params:xml:ns:xmpp-bind";
inline constexpr const char* kSession = "urn:ietf:params:xml:ns:xmpp-session";
inline constexpr const char* kXml = "http://www.w3.org/XML/1998/namespace";
inline constexpr const char* kRoster = "jabber:iq:roster";
inline constexpr const char* kRegister = "jabber:iq:register";
inline constexpr const char* kRegisterFeature = "http://jabber.org/features/iq-register";
inline constexpr const char* kDataForms = "jabber:x:data";
inline constexpr const char* kMediaElement = "urn:xmpp:media-element";  // XEP-0221, inside a form field
inline constexpr const char* kCaptcha = "urn:xmpp:captcha";             // XEP-0158 FORM_TYPE
inline constexpr const char* kBob = "urn:xmpp:bob";                     // XEP-0231 bits of binary
inline constexpr const char* kPars = "urn:xmpp:pars:0";                 // XEP-0379 / XEP-0401 preauth
inline constexpr const char* kInviteFeature = "urn:xmpp:invite";        // XEP-0401 stream feature
inline constexpr const char* kDiscoInfo = "http://jabber.org/protocol/disco#info";
inline constexpr const char* kDiscoItems = "http://jabber.org/protocol/disco#items";
inline constexpr const char* kCaps = "http://jabber.org/protocol/caps";
inline constexpr const char* kPing = "urn:xmpp:ping";
inline constexpr const char* kStanzaId = "urn:xmpp:sid:0";
inline constexpr const char* kStanzaIdFeature = kStanzaId;  // disco feature (XEP-0359)
inline constexpr const char* kPingFeature = kPing;          // disco feature (XEP-0199)
inline constexpr const char* kAltConnectionsWebSocket = "urn:xmpp:alt-connections:websocket";  // XEP-0156 rel
inline constexpr const char* kDelay = "urn:xmpp:delay";
inline constexpr const char* kChatStates = "http://jabber.org/protocol/chatstates";
inline constexpr const char* kReceipts = "urn:xmpp:receipts";
inline constexpr const char* kChatMarkers = "urn:xmpp:chat-markers:0";
inline constexpr const char* kCarbons = "urn:xmpp:carbons:2";
inline constexpr const char* kForward = "urn:xmpp:forward:0";
inline constexpr const char* kMam = "urn:xmpp:mam:2";
inline constexpr const char* kSm = "urn:xmpp:sm:3";
inline constexpr const char* kCsi = "urn:xmpp:csi:0";
inline constexpr const char* kHints = "urn:xmpp:hints";
inline constexpr const char* kXrd = "http://docs.oasis-open.org/ns/xri/xrd-1.0";
inline constexpr const char* kOmemoLegacy = "eu.siacs.conversations.axolotl";
inline constexpr const char* kPubsub = "http://jabber.org/protocol/pubsub";
inline constexpr const char* kPubsubEvent = "http://jabber.org/protocol/pubsub#event";
inline constexpr const char* kPubsubPublishOptions = "http://jabber.org/protocol/pubsub#publish-options";
inline constexpr const char* kEme = "urn:xmpp:eme:0";
inline constexpr const char* kVersion = "jabber:iq:version";
inline constexpr const char* kTime = "urn:xmpp:time";
inline constexpr const char* kRsm = "http://jabber.org/protocol/rsm";
inline constexpr const char* kBlocking = "urn:xmpp:blocking";
inline constexpr const char* kMuc = "http://jabber.org/protocol/muc";
inline constexpr const char* kMucUser = "http://jabber.org/protocol/muc#user";
inline constexpr const char* kMucAdmin = "http://jabber.org/protocol/muc#admin";
inline constexpr const char* kMucOwner = "http://jabber.org/protocol/muc#owner";
inline constexpr const char* kMucRoomConfig = "http://jabber.org/protocol/muc#roomconfig";  // FORM_TYPE
inline constexpr const char* kConference = "jabber:x:conference";  // XEP-0249 direct invitations
inline constexpr const char* kOccupantId = "urn:xmpp:occupant-id:0";  // XEP-0421
inline constexpr const char* kBookmarks = "urn:xmpp:bookmarks:1";                // XEP-0402 (also its PEP node)
inline constexpr const char* kBookmarksNotify = "urn:xmpp:bookmarks:1+notify";
inline constexpr const char* kNick = "http://jabber.org/protocol/nick";          // XEP-0172 (also its PEP node)
inline constexpr const char* kNickNotify = "http://jabber.org/protocol/nick+notify";
inline constexpr const char* kMds = "urn:xmpp:mds:displayed:0";               // XEP-0490 (also its PEP node)
inline constexpr const char* kMdsNotify = "urn:xmpp:mds:displayed:0+notify";

inline constexpr const char* kCorrection = "urn:xmpp:message-correct:0";  // XEP-0308
inline constexpr const char* kRetract = "urn:xmpp:message-retract:1";      // XEP-0424
inline constexpr const char* kRetractLegacy = "urn:xmpp:message-retract:0";  // XEP-0424 before 0.4 (in apply-to)
inline constexpr const char* kFasten = "urn:xmpp:fasten:0";                // XEP-0422 (legacy retraction wrapper)
inline constexpr const char* kReactions = "urn:xmpp:reactions:0";          // XEP-0444
inline constexpr const char* kReply = "urn:xmpp:reply:0";                  // XEP-0461
inline constexpr const char* kFallback = "urn:xmpp:fallback:0";            // XEP-0428
inline constexpr const char* kHttpUpload = "urn:xmpp:http:upload:0";    // XEP-0363
inline constexpr const char* kOob = "jabber:x:oob";                      // XEP-0066 (message payload)
inline constexpr const char* kStyling = "urn:xmpp:styling:0";            // XEP-0393 (feature, <unstyled/> hint)

// Calls: Jingle (XEP-0166) RTP sessions and their extensions, Jingle Message Initiation, external services.
inline constexpr const char* kJingle = "urn:xmpp:jingle:1";                          // XEP-0166
inline constexpr const char* kJingleErrors = "urn:xmpp:jingle:errors:1";             // XEP-0166
inline constexpr const char* kJingleRtp = "urn:xmpp:jingle:apps:rtp:1";              // XEP-0167
inline constexpr const char* kJingleRtpAudio = "urn:xmpp:jingle:apps:rtp:audio";     // XEP-0167 disco
inline constexpr const char* kJingleRtpVideo = "urn:xmpp:jingle:apps:rtp:video";     // XEP-0167 disco
inline constexpr const char* kJingleRtpInfo = "urn:xmpp:jingle:apps:rtp:info:1";     // XEP-0167 session-info
inline constexpr const char* kJingleIceUdp = "urn:xmpp:jingle:transports:ice-udp:1"; // XEP-0176
inline constexpr const char* kJingleDtls = "urn:xmpp:jingle:apps:dtls:0";            // XEP-0320
inline constexpr const char* kJingleRtcpFb = "urn:xmpp:jingle:apps:rtp:rtcp-fb:0";   // XEP-0293
inline constexpr const char* kJingleRtpHdrExt = "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0";  // XEP-0294
inline constexpr const char* kJingleGrouping = "urn:xmpp:jingle:apps:grouping:0";    // XEP-0338
inline constexpr const char* kJingleSsma = "urn:xmpp:jingle:apps:rtp:ssma:0";        // XEP-0339
inline constexpr const char* kJingleMessage = "urn:xmpp:jingle-message:0";           // XEP-0353
inline constexpr const char* kExtDisco = "urn:xmpp:extdisco:2";                      // XEP-0215

}  // namespace starling::ns
