// The call screen (issue 16): Call / Video call in a contact's chat header, and a window over the app for
// the call going on (State::call): calling or ringing, an incoming call to accept or decline (a caller
// not in the roster said so), connecting, connected with its duration, Mute, Camera on/off, Hang up, and
// why it ended, in words, until closed. A connected video call fills the window with the remote video and
// our own in a corner (textures of the host's <video> frames). The microphone and camera are asked for
// only on the person's click (CallHost::prepare from Call and Accept).
#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "ui/call_host.h"
#include "ui/views.h"

namespace starling::ui {
namespace {

using model::CallState;

const char* ct(const Ctx& c, const char* key) { return callText(c.lang(), key); }

bool button(Ctx& c, const char* key) {
    const char* text = ct(c, key);
    const bool clicked = ImGui::Button(text);
    drawn(c, text);
    return clicked;
}

void label(Ctx& c, const char* text, bool disabled = false) {
    if (disabled) ImGui::TextDisabled("%s", text);
    else ImGui::TextUnformatted(text);
    drawn(c, text);
}

std::string duration(std::int64_t ms) {
    const long long s = std::max<long long>(0, ms / 1000);
    char out[32];
    if (s >= 3600) std::snprintf(out, sizeof out, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(out, sizeof out, "%lld:%02lld", s / 60, s % 60);
    return out;
}

// The remote video fitted into `size` at the cursor, our own in its bottom-right corner (mirrored, as a
// mirror shows us). Before the first frame: a line saying we wait for it.
void videoArea(Ctx& c, CallHost& host, ImVec2 size) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), IM_COL32(0, 0, 0, 255));
    const CallHost::Frame remote = host.frame(true);
    if (remote.texture != nullptr && remote.width > 0 && remote.height > 0) {
        const float s = std::min(size.x / static_cast<float>(remote.width), size.y / static_cast<float>(remote.height));
        const ImVec2 dim(remote.width * s, remote.height * s);
        const ImVec2 at(origin.x + (size.x - dim.x) * 0.5f, origin.y + (size.y - dim.y) * 0.5f);
        dl->AddImage(remote.texture, at, ImVec2(at.x + dim.x, at.y + dim.y));
        c.report.callVideo = {at.x / c.scale, at.y / c.scale, dim.x / c.scale, dim.y / c.scale, remote.width, remote.height};
    } else {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + c.px(12), origin.y + c.px(12)));
        label(c, ct(c, "waiting-video"), true);
    }
    const CallHost::Frame own = host.frame(false);
    if (own.texture != nullptr && own.width > 0 && own.height > 0) {
        const float w = std::min(size.x * 0.25f, c.px(240));
        const float h = w * static_cast<float>(own.height) / static_cast<float>(own.width);
        const ImVec2 max(origin.x + size.x - c.px(8), origin.y + size.y - c.px(8));
        dl->AddImage(own.texture, ImVec2(max.x - w, max.y - h), max, ImVec2(1, 0), ImVec2(0, 1));
        c.report.callOwnVideo = true;
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(size);
}

// The buttons of a call going on.
void controls(Ctx& c, CallHost& host, const model::Call& call) {
    if (call.state == CallState::Ringing) {
        if (button(c, "accept")) acceptCall(c);
        ImGui::SameLine();
        if (button(c, "decline")) c.client.declineCall();
        return;
    }
    if (call.state == CallState::Connected) {
        const CallHost::Media m = host.media();
        if (button(c, m.muted ? "unmute" : "mute")) host.setMuted(!m.muted);
        ImGui::SameLine();
        if (call.video) {
            if (button(c, m.cameraOff ? "camera-on" : "camera-off")) host.setCamera(m.cameraOff);
            ImGui::SameLine();
        }
    }
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.65f, 0.16f, 0.16f, 1.0f));
    if (button(c, "hang-up")) c.client.hangUp();
    ImGui::PopStyleColor();
}

const char* statusText(const Ctx& c, const model::Call& call) {
    switch (call.state) {
        case CallState::Outgoing: return ct(c, call.peerRinging ? "ringing" : "calling");
        case CallState::Ringing: return ct(c, call.video ? "incoming-video" : "incoming");
        case CallState::Connecting: return ct(c, "connecting");
        case CallState::Connected: return ct(c, "connected");
        case CallState::Ended: return callEndedText(c.lang(), call);
        default: return "";
    }
}

}  // namespace

void placeCall(Ctx& c, const std::string& jid, bool video) {
    if (c.hooks.calls == nullptr) return;
    if (c.client.startCall(jid, video)) c.hooks.calls->prepare(video);
}

void acceptCall(Ctx& c) {
    if (c.hooks.calls == nullptr) return;
    const bool video = c.st.call.video;
    if (c.client.acceptCall()) c.hooks.calls->prepare(video);
}

void callButtons(Ctx& c, const std::string& jid) {
    if (c.hooks.calls == nullptr) return;
    const CallState s = c.st.call.state;
    const bool free = (s == CallState::Idle || s == CallState::Ended) && c.st.connection == model::Connection::Online;
    if (!free) ImGui::BeginDisabled();
    ImGui::SameLine();
    if (ImGui::SmallButton(ct(c, "call"))) placeCall(c, jid, false);
    drawn(c, ct(c, "call"));
    ImGui::SameLine();
    if (ImGui::SmallButton(ct(c, "video-call"))) placeCall(c, jid, true);
    drawn(c, ct(c, "video-call"));
    if (!free) ImGui::EndDisabled();
}

void drawCall(Ctx& c) {
    CallHost* host = c.hooks.calls;
    const model::Call& call = c.st.call;
    if (host == nullptr || call.state == CallState::Idle) return;
    if (call.state == CallState::Ended && c.ui.callDismissed == call.sid) return;
    if (call.state != CallState::Ended) c.ui.callDismissed.clear();

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const bool video = call.video && call.state == CallState::Connected;
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
    if (video) {
        const float m = c.px(16);
        ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + m, vp->Pos.y + m));
        ImGui::SetNextWindowSize(ImVec2(vp->Size.x - 2 * m, vp->Size.y - 2 * m));
    } else {
        const float w = std::min(vp->Size.x - c.px(16), c.px(420));
        ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + (vp->Size.x - w) * 0.5f, vp->Pos.y + c.px(16)));
        ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, vp->Size.y));
        flags |= ImGuiWindowFlags_AlwaysAutoResize;
    }
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.14f, 0.16f, 0.20f, 1.0f));
    ImGui::Begin("call-window", nullptr, flags);
    ImGui::PopStyleColor();
    const std::string peer = bareOf(call.peer);
    const std::string name = displayName(c.st, peer);
    textEllipsis(c, name, ImGui::GetContentRegionAvail().x);
    if (name != peer) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        textEllipsis(c, peer, ImGui::GetContentRegionAvail().x);
        ImGui::PopStyleColor();
    }
    if (call.stranger) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.70f, 0.30f, 1.0f));
        label(c, ct(c, "stranger"));
        ImGui::PopStyleColor();
    }
    ImGui::PushTextWrapPos(0.0f);
    label(c, statusText(c, call));
    ImGui::PopTextWrapPos();
    if (call.state == CallState::Connected) {
        ImGui::SameLine();
        const std::string d = duration(host->nowMs() - call.connectedMs);
        ImGui::TextUnformatted(d.c_str());
        c.report.callDuration = d;
    }
    if (call.state == CallState::Ended) {
        if (button(c, "close")) c.ui.callDismissed = call.sid;
    } else {
        controls(c, *host, call);
    }
    if (video) {
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        if (avail.x > 1.0f && avail.y > 1.0f) videoArea(c, *host, avail);
    }
    ImGui::End();
}

}  // namespace starling::ui
