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
constexpr double kHoldSeconds = 0.4;  // held longer than this: hold-to-record (a release sends)
constexpr float kSlideAwayCss = 90;   // the pointer this far from where Voice was pressed: cancelled

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
                 const std::string& mime, float width, const std::vector<float>* peaks) {
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
    const int bars = peaks ? static_cast<int>(peaks->size()) : 0;
    if (bars > 0) {  // the waveform: played bars in the accent colour, the rest dim
        const float step = barW / static_cast<float>(bars), bw = std::max(1.0f, step * 0.6f);
        for (int i = 0; i < bars; ++i) {
            const float h = std::max(c.px(2), std::clamp((*peaks)[static_cast<std::size_t>(i)], 0.0f, 1.0f) * (barH - c.px(4)));
            const float x = at.x + step * static_cast<float>(i);
            const bool played = (static_cast<float>(i) + 0.5f) / static_cast<float>(bars) <= fraction;
            dl->AddRectFilled(ImVec2(x, mid - h / 2), ImVec2(x + bw, mid + h / 2),
                              ImGui::GetColorU32(played ? ImGuiCol_SliderGrabActive : ImGuiCol_TextDisabled), bw / 2);
        }
    } else {
        dl->AddRectFilled(ImVec2(at.x, mid - thick / 2), ImVec2(at.x + barW, mid + thick / 2), ImGui::GetColorU32(ImGuiCol_FrameBg), thick / 2);
        dl->AddRectFilled(ImVec2(at.x, mid - thick / 2), ImVec2(at.x + barW * fraction, mid + thick / 2), ImGui::GetColorU32(ImGuiCol_SliderGrabActive), thick / 2);
        dl->AddCircleFilled(ImVec2(at.x + barW * fraction, mid), c.px(6), ImGui::GetColorU32(ImGuiCol_SliderGrabActive));
    }
    if (clicked && p.duration > 0) host->seek(key, std::clamp((ImGui::GetIO().MousePos.x - at.x) / barW, 0.0f, 1.0f));
    if (ImGui::IsItemVisible())
        c.report.players.push_back({id, p.playing, p.failed, p.position, p.duration, at.x / c.scale, at.y / c.scale,
                                    barW / c.scale, barH / c.scale, bMin.x / c.scale, bMin.y / c.scale,
                                    (bMax.x - bMin.x) / c.scale, (bMax.y - bMin.y) / c.scale, bars});
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
    // Its waveform stays with the message sent (this session: the file itself carries none).
    if (auto conv = c.st.conversations.find(c.ui.voiceJid); conv != c.st.conversations.end() && !conv->second.messages.empty() &&
                                                              !r.peaks.empty())
        c.ui.voicePeaks[conv->second.messages.back().id] = r.peaks;
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
    // Pressed (not clicked: the bar takes the button's place at once): recording starts now; held,
    // it records until the release (voiceComposer follows the hold).
    if (ImGui::IsItemActivated() && available) {
        startRecording(c, jid);
        const ImGuiIO& io = ImGui::GetIO();
        c.ui.voiceHeld = true;
        c.ui.voiceHoldSince = ImGui::GetTime();
        c.ui.voiceHoldX = io.MousePos.x;
        c.ui.voiceHoldY = io.MousePos.y;
    } else if (click && available) {
        startRecording(c, jid);
    }
}

namespace {

// Hold-to-record and Escape, each frame the bar is drawn: a long hold released sends, sliding away from
// the button or Escape cancels; a short press left the recording running (Stop, Send, as a click).
void followHold(Ctx& c, VoiceHost& host, VoiceHost::Recording state) {
    using R = VoiceHost::Recording;
    const ImGuiIO& io = ImGui::GetIO();
    const bool recording = state == R::Starting || state == R::Recording;
    if (recording && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
        c.ui.voiceHeld = false;
        host.discardRecording();
        return;
    }
    if (c.ui.voiceSendOnRecorded && state != R::Recording) {
        c.ui.voiceSendOnRecorded = false;
        if (state == R::Recorded) sendRecording(c);
        return;
    }
    if (!c.ui.voiceHeld) return;
    if (!recording) {
        c.ui.voiceHeld = false;
        return;
    }
    const float dx = io.MousePos.x - c.ui.voiceHoldX, dy = io.MousePos.y - c.ui.voiceHoldY;
    if (dx * dx + dy * dy > c.px(kSlideAwayCss) * c.px(kSlideAwayCss)) {
        c.ui.voiceHeld = false;
        host.discardRecording();
        return;
    }
    if (io.MouseDown[0]) return;
    c.ui.voiceHeld = false;
    if (ImGui::GetTime() - c.ui.voiceHoldSince < kHoldSeconds) return;  // a click: recording goes on
    if (state == R::Recording) {
        host.stopRecording();
        c.ui.voiceSendOnRecorded = true;
    } else {
        host.discardRecording();  // released before the microphone answered: nothing to send
    }
}

}  // namespace


bool voiceComposer(Ctx& c, const std::string& jid, float height) {
    VoiceHost* host = c.hooks.voice;
    if (!host) return false;
    const VoiceHost::Recorder r = host->recorder();
    using R = VoiceHost::Recording;
    if (r.state == R::Idle || c.ui.voiceJid != jid) {
        if (r.state == R::Idle) c.ui.voiceHeld = c.ui.voiceSendOnRecorded = false;
        return false;
    }
    followHold(c, *host, r.state);
    if (host->recorder().state == R::Idle) return false;
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
            if (c.ui.voiceHeld) {  // held: what releasing and sliding do, instead of the buttons
                ImGui::SameLine();
                ImGui::TextDisabled("%s", mt(c, "hold-hint"));
                drawn(c, mt(c, "hold-hint"));
                break;
            }
            ImGui::SameLine();
            if (button(c, "stop")) host->stopRecording();
            ImGui::SameLine();
            if (button(c, "cancel")) host->discardRecording();
            break;
        }
        case R::Recorded: {
            const float actions = ImGui::CalcTextSize(mt(c, "send-voice")).x + ImGui::CalcTextSize(mt(c, "cancel")).x +
                                  ImGui::GetStyle().FramePadding.x * 4 + ImGui::GetStyle().ItemSpacing.x * 2;
            audioPlayer(c, kRecordingKey, kRecordingKey, r.file, kVoiceMime, width - actions, &r.peaks);
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
