// Voice messages: the inline player of audio files (play/pause, a seek bar a click moves, position and
// duration) and the composer's recorder: the microphone button, then a bar in the composer's place —
// waiting for the microphone, recording with a running timer (Stop, Cancel), listening before sending
// (the same player, Send, Cancel), or why the microphone could not be used. Nothing is recorded without
// the person's click; the recording goes out through the same upload path as any file (Client::sendFile).
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/voice_host.h"
#include "ui/views.h"

namespace starling::ui {
namespace {

constexpr const char* kRecordingKey = "recording";
constexpr const char* kVoiceMime = "audio/ogg";

const char* mt(Ctx& c, std::string_view key) { return mediaText(c.lang(), key); }

std::string clock(double seconds) {
    const int s = std::max(0, static_cast<int>(seconds));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d:%02d", s / 60, s % 60);
    return buf;
}

bool button(Ctx& c, const char* key, float height = 0) {
    const char* label = mt(c, key);
    const bool clicked = ImGui::Button(label, ImVec2(0, height));
    drawn(c, label);
    return clicked;
}

}  // namespace

void audioPlayer(Ctx& c, const std::string& id, const std::string& key, const std::shared_ptr<const std::string>& bytes,
                 const std::string& mime, float width) {
    VoiceHost* host = c.hooks.voice;
    if (!host || !bytes) return;
    const VoiceHost::Playback p = host->playback(key, bytes, mime);
    ImGui::PushID(key.c_str());  // an ID seed only (hashed whole), never a label
    const float startX = ImGui::GetCursorScreenPos().x;
    if (button(c, p.playing ? "pause" : "play")) host->togglePlay(key);
    const ImVec2 bMin = ImGui::GetItemRectMin(), bMax = ImGui::GetItemRectMax();
    ImGui::SameLine();
    const std::string time = p.failed ? std::string(mt(c, "cannot-play"))
                                      : clock(p.position) + " / " + (p.duration > 0 ? clock(p.duration) : std::string("–:––"));
    const float timeW = ImGui::CalcTextSize(time.c_str()).x;
    const float used = ImGui::GetCursorScreenPos().x - startX;
    const float barW = std::max(c.px(40), width - used - timeW - ImGui::GetStyle().ItemSpacing.x);
    const float barH = ImGui::GetFrameHeight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton("seek", ImVec2(barW, barH));
    const float fraction = p.duration > 0 ? static_cast<float>(std::clamp(p.position / p.duration, 0.0, 1.0)) : 0.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float mid = at.y + barH * 0.5f, thick = c.px(4);
    dl->AddRectFilled(ImVec2(at.x, mid - thick / 2), ImVec2(at.x + barW, mid + thick / 2), ImGui::GetColorU32(ImGuiCol_FrameBg), thick / 2);
    dl->AddRectFilled(ImVec2(at.x, mid - thick / 2), ImVec2(at.x + barW * fraction, mid + thick / 2), ImGui::GetColorU32(ImGuiCol_SliderGrabActive), thick / 2);
    dl->AddCircleFilled(ImVec2(at.x + barW * fraction, mid), c.px(6), ImGui::GetColorU32(ImGuiCol_SliderGrabActive));
    if (clicked && p.duration > 0) host->seek(key, std::clamp((ImGui::GetIO().MousePos.x - at.x) / barW, 0.0f, 1.0f));
    if (ImGui::IsItemVisible())
        c.report.players.push_back({id, p.playing, p.failed, p.position, p.duration, at.x / c.scale, at.y / c.scale,
                                    barW / c.scale, barH / c.scale, bMin.x / c.scale, bMin.y / c.scale,
                                    (bMax.x - bMin.x) / c.scale, (bMax.y - bMin.y) / c.scale});
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(time.c_str());
    ImGui::PopID();
}

void startRecording(Ctx& c, const std::string& jid) {
    if (!c.hooks.voice || c.hooks.voice->recorder().state != VoiceHost::Recording::Idle) return;
    c.ui.voiceJid = jid;
    c.hooks.voice->startRecording();
}

bool sendRecording(Ctx& c) {
    if (!c.hooks.voice) return false;
    const VoiceHost::Recorder r = c.hooks.voice->recorder();
    if (r.state != VoiceHost::Recording::Recorded || !r.file) return false;
    // Refused (too large, no upload service): the notice says why and the recording stays to retry.
    if (!c.client.sendFile(c.ui.voiceJid, r.name, kVoiceMime, *r.file)) return false;
    c.hooks.voice->discardRecording();  // the message holds the file now (retry, cancel: attachment_view)
    return true;
}

float micButtonWidth(Ctx& c) { return ImGui::CalcTextSize(mt(c, "voice")).x + ImGui::GetStyle().FramePadding.x * 4; }

void micButton(Ctx& c, const std::string& jid, float height) {
    // Busy: a recording made for another chat is waiting there.
    const bool available = !c.st.upload.jid.empty() && c.hooks.voice->recorder().state == VoiceHost::Recording::Idle;
    if (!available) ImGui::BeginDisabled();
    const bool click = ImGui::Button(mt(c, "voice"), ImVec2(micButtonWidth(c), height));
    if (!available) ImGui::EndDisabled();
    drawn(c, mt(c, "voice"));
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        const char* hint = available ? mt(c, "voice-hint") : c.st.upload.jid.empty() ? mt(c, "no-upload") : mt(c, "voice-busy");
        ImGui::SetTooltip("%s", hint);
        drawn(c, hint);
    }
    if (click && available) startRecording(c, jid);
}

bool voiceComposer(Ctx& c, const std::string& jid, float height) {
    VoiceHost* host = c.hooks.voice;
    if (!host) return false;
    const VoiceHost::Recorder r = host->recorder();
    using R = VoiceHost::Recording;
    if (r.state == R::Idle || c.ui.voiceJid != jid) return false;
    ImGui::BeginChild("voice-bar", ImVec2(ImGui::GetContentRegionAvail().x, height), true);
    const float width = ImGui::GetContentRegionAvail().x;
    switch (r.state) {
        case R::Starting:
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", mt(c, "mic-waiting"));
            drawn(c, mt(c, "mic-waiting"));
            ImGui::SameLine();
            if (button(c, "cancel")) host->discardRecording();
            break;
        case R::Recording: {
            ImGui::AlignTextToFramePadding();
            ImGui::TextColored(ImVec4(0.90f, 0.25f, 0.25f, 1.0f), "\xE2\x97\x8F");  // ● (U+25CF, in the font)
            ImGui::SameLine();
            const std::string text = std::string(mt(c, "recording")) + " " + clock(r.seconds);
            ImGui::TextUnformatted(text.c_str());
            drawn(c, mt(c, "recording"));
            ImGui::SameLine();
            if (button(c, "stop")) host->stopRecording();
            ImGui::SameLine();
            if (button(c, "cancel")) host->discardRecording();
            break;
        }
        case R::Recorded: {
            const float actions = ImGui::CalcTextSize(mt(c, "send-voice")).x + ImGui::CalcTextSize(mt(c, "cancel")).x +
                                  ImGui::GetStyle().FramePadding.x * 4 + ImGui::GetStyle().ItemSpacing.x * 2;
            audioPlayer(c, kRecordingKey, kRecordingKey, r.file, kVoiceMime, width - actions);
            ImGui::SameLine();
            if (button(c, "send-voice")) sendRecording(c);
            ImGui::SameLine();
            if (button(c, "cancel")) host->discardRecording();
            break;
        }
        case R::Denied:
        case R::Failed: {
            // The reason wrapped on the left, OK on its first line at the right: both fit the composer's height.
            const char* why = mt(c, r.state == R::Denied ? "mic-denied" : "mic-failed");
            const float okW = ImGui::CalcTextSize(mt(c, "ok")).x + ImGui::GetStyle().FramePadding.x * 2;
            const float right = ImGui::GetCursorPosX() + width;
            ImGui::AlignTextToFramePadding();
            ImGui::PushTextWrapPos(right - okW - ImGui::GetStyle().ItemSpacing.x);
            ImGui::TextUnformatted(why);
            ImGui::PopTextWrapPos();
            drawn(c, why);
            ImGui::SameLine(right - okW);
            if (button(c, "ok")) host->discardRecording();
            break;
        }
        case R::Idle: break;
    }
    ImGui::EndChild();
    return true;
}

}  // namespace starling::ui
