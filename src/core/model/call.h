#pragma once
// An audio/video call as the UI and the browser's media layer see it (issue 16): State::call, the ICE
// servers for RTCPeerConnection (State::iceServers, from XEP-0215), and what the media layer is asked to
// do (Client::takeCallEvents).
#include <cstdint>
#include <string>
#include <vector>

namespace starling::model {

enum class CallState { Idle, Outgoing, Ringing, Connecting, Connected, Ended };
const char* callStateName(CallState state);  // "idle", "outgoing", … (the test hook's names)

struct Call {
    CallState state = CallState::Idle;
    std::string sid;       // the Jingle session id (= the XEP-0353 proposal id)
    std::string peer;      // full JID of the other device; the bare JID while our proposal rings all of them
    bool incoming = false;
    bool video = false;
    bool jmi = false;          // set up with XEP-0353 (false: a direct session-initiate, e.g. StanzaJS)
    bool stranger = false;     // the caller is not in our roster: shown as such, may be ignored
    bool peerRinging = false;  // outgoing: a device of the peer said it rings
    // Ended: the Jingle condition that ended it (success, busy, decline, cancel, timeout, gone,
    // connectivity-error, failed-application, general-error, …), who ended it, and whether one of our
    // other devices took or declined it.
    std::string reason;
    bool endedByPeer = false;
    bool elsewhere = false;
    std::int64_t startedMs = 0;    // proposed / received
    std::int64_t connectedMs = 0;  // media flows (0: never)
    std::int64_t endedMs = 0;
};

// One RTCIceServer.
struct IceServer {
    std::vector<std::string> urls;
    std::string username;
    std::string credential;
};

// What the media layer must do next, in order.
struct CallMediaEvent {
    enum class Kind {
        CreateOffer,      // make a peer connection (ICE servers: State::iceServers), get media, createOffer,
                          // setLocalDescription, hand it to Client::callLocalDescription
        AnswerOffer,      // make one, setRemoteDescription(offer `sdp`), createAnswer, setLocalDescription, hand it on
        RemoteAnswer,     // setRemoteDescription(answer `sdp`)
        RemoteCandidate,  // addIceCandidate({candidate, sdpMid: mid})
        Close,            // the call is over: close the peer connection, stop the tracks
    };
    Kind kind = Kind::Close;
    std::string sid;
    bool video = false;
    std::string sdp;
    std::string mid;
    std::string candidate;
};

}  // namespace starling::model
