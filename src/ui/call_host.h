#pragma once
// What the call screen needs from the platform (web/call_host.cpp implements it with the browser's
// WebRTC: getUserMedia, RTCPeerConnection, getStats, <video> frames copied into WebGL textures). The
// signalling is the Client's (startCall, acceptCall, …); the host only owns the media. The microphone and
// camera are asked for only from prepare(), which the UI calls on the person's click (Call, Accept).
#include <imgui.h>

#include <cstdint>

namespace starling::ui {

class CallHost {
public:
    virtual ~CallHost() = default;

    struct Media {
        bool muted = false;      // our microphone
        bool cameraOff = false;  // our camera (a video call)
        double audioPacketsIn = 0;  // getStats(): inbound audio RTP packets
        double videoFramesIn = 0;   // getStats(): decoded remote video frames
    };
    virtual Media media() const = 0;
    // The person clicked Call or Accept: ask for the microphone (and the camera) now, so the browser's
    // question comes with the click and the answer is ready when the offer or answer is made.
    virtual void prepare(bool video) = 0;
    virtual void setMuted(bool muted) = 0;
    virtual void setCamera(bool on) = 0;

    // The newest frame of the remote (or our own) video, in a texture of the renderer; no texture until
    // a frame came. Asked only while a video call is connected and drawn.
    struct Frame {
        ImTextureID texture = nullptr;
        int width = 0;
        int height = 0;
    };
    virtual Frame frame(bool remote) = 0;

    // The clock of the Client (platform::Clock::nowMs): the call's duration is now − Call::connectedMs.
    virtual std::int64_t nowMs() const = 0;
};

}  // namespace starling::ui
