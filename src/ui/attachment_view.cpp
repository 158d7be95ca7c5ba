// A shared file in a chat row: the picture as a thumbnail (decoded by the browser, drawn from a texture)
// or a card with its name and size (audio: a short card, its player on one line: voice_view.cpp); a
// progress bar with Cancel
// while it moves; Load for what was not fetched by itself (a stranger's, too large); Try again after a
// failure; Save. A click on a picture
// opens the viewer (fit, zoom, pan by dragging or scrolling, save, previous/next through the chat's
// pictures with the buttons or Left/Right, "3 / 7"). The row keeps one height whatever the state, so
// the history never jumps while a file loads. The aesgcm:// link (it holds the key) is never shown.
#include <imgui.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <vector>

#include "core/media/media_policy.h"
#include "ui/media_host.h"
#include "ui/views.h"

namespace starling::ui {
namespace {

constexpr float kThumbW = 260.0f;  // CSS px
constexpr float kThumbH = 150.0f;
constexpr int kThumbDecode = 520;     // device px the thumbnail is decoded to (longest side)
constexpr int kViewerDecode = 4096;

const char* mt(Ctx& c, std::string_view key) { return mediaText(c.lang(), key); }

std::string humanSize(Ctx& c, std::uint64_t bytes) {
    char buf[48];
    if (bytes < 1024) std::snprintf(buf, sizeof buf, mt(c, "unit-b"), static_cast<unsigned long long>(bytes));
    else if (bytes < 1024 * 1024) std::snprintf(buf, sizeof buf, mt(c, "unit-kb"), bytes / 1024.0);
    else std::snprintf(buf, sizeof buf, mt(c, "unit-mb"), bytes / (1024.0 * 1024.0));
    return buf;
}

// The bytes of a loaded file, or of one being sent (under its local key until its URL exists).
std::string mediaKey(const model::Message& m) {
    return m.attachment->url.empty() ? model::localMediaKey(m.id) : m.attachment->url;
}

std::shared_ptr<const std::string> bytesOf(Ctx& c, const model::Message& m) {
    return c.st.media.find(mediaKey(m));
}

ImVec2 fit(float w, float h, float maxW, float maxH) {
    if (w <= 0 || h <= 0) return {0, 0};
    const float s = std::min({maxW / w, maxH / h, 1.0f});
    return {w * s, h * s};
}

// A voice message or other audio, as declared (its type or name): a short card with the player on one
// line, like Conversations'. Decided from what is declared, so the row keeps its height once fetched.
bool shortCard(const model::Attachment& a) {
    return a.mime.starts_with("audio/") || media::audioExtension(a.name);
}

float areaHeight(Ctx& c, const model::Attachment& a) {
    return shortCard(a) ? ImGui::GetFrameHeight() + c.px(12) : c.px(kThumbH);
}

// The short card: the player, or the name and size (or why it is not there) on its one line.
void audioArea(Ctx& c, const model::Message& m, float width, const std::shared_ptr<const std::string>& bytes) {
    const model::Attachment& a = *m.attachment;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size(std::min(width, c.px(kThumbW)), areaHeight(c, a));
    ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg), c.px(6));
    ImGui::SetCursorScreenPos(ImVec2(pos.x + c.px(8), pos.y + c.px(6)));
    const bool playable = a.kind == model::AttachmentKind::Audio && a.error.empty() && bytes;
    if (playable) {
        auto peaks = c.ui.voicePeaks.find(m.id);  // one we recorded: its waveform
        audioPlayer(c, m.id, mediaKey(m), bytes, a.mime, size.x - c.px(16),
                    peaks == c.ui.voicePeaks.end() ? nullptr : &peaks->second);  // voice_view.cpp
    } else {
        std::string line;
        if (!a.error.empty() || a.state == model::AttachmentState::Blocked) {
            const char* why = a.state == model::AttachmentState::Blocked ? mt(c, "blocked") : mt(c, a.error);
            line = *why ? why : mt(c, "failed");
        } else {
            line = a.name;  // received text: drawn as text only
            if (a.size) line += " · " + humanSize(c, a.size);
        }
        ImGui::AlignTextToFramePadding();
        textEllipsis(c, line, size.x - c.px(16));
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + size.y + ImGui::GetStyle().ItemSpacing.y));
    c.report.media.push_back({m.id, playable ? "audio" : "file", size.x / c.scale, size.y / c.scale, pos.x / c.scale, pos.y / c.scale});
}

// The picture area: the thumbnail, or a card (audio: the short one). Returns true when clicked (a drawn picture: the viewer).
bool pictureArea(Ctx& c, const model::Message& m, float width) {
    const model::Attachment& a = *m.attachment;
    const float areaH = c.px(kThumbH);
    auto bytes = bytesOf(c, m);
    if (shortCard(a)) {
        audioArea(c, m, width, bytes);
        return false;
    }
    const bool drawable = a.kind == model::AttachmentKind::Image && a.error.empty() && bytes && c.hooks.media;
    if (drawable) {
        const MediaHost::Picture p = c.hooks.media->picture(mediaKey(m), bytes, kThumbDecode);
        if (p.texture) {
            const ImVec2 size = fit(static_cast<float>(p.width), static_cast<float>(p.height), std::min(width, c.px(kThumbW)), areaH);
            ImGui::Image(p.texture, size);
            const bool clicked = ImGui::IsItemClicked();
            const ImVec2 at = ImGui::GetItemRectMin();
            ImGui::SetCursorScreenPos(ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y + areaH + ImGui::GetStyle().ItemSpacing.y));
            c.report.media.push_back({m.id, "image", size.x / c.scale, size.y / c.scale, at.x / c.scale, at.y / c.scale});
            return clicked;
        }
    }
    // A card: name and size in a frame of the same height.
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size(std::min(width, c.px(kThumbW)), areaH);
    ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg), c.px(6));
    ImGui::SetCursorScreenPos(ImVec2(pos.x + c.px(10), pos.y + c.px(10)));
    ImGui::PushTextWrapPos(pos.x + size.x - c.px(10));
    ImGui::TextUnformatted(a.name.c_str());  // received text: never a format
    ImGui::PopTextWrapPos();
    std::string info = a.size ? humanSize(c, a.size) : std::string();
    if (a.encrypted) info += (info.empty() ? "" : " · ") + std::string(mt(c, "encrypted-file"));
    if (!info.empty()) ImGui::TextDisabled("%s", info.c_str());
    if (!a.error.empty() || a.state == model::AttachmentState::Blocked) {
        const char* why = a.state == model::AttachmentState::Blocked ? mt(c, "blocked") : mt(c, a.error);
        if (!*why) why = a.state == model::AttachmentState::Failed && m.direction == model::Direction::Outgoing ? mt(c, "upload-failed") : mt(c, "failed");
        ImGui::PushTextWrapPos(pos.x + size.x - c.px(10));
        ImGui::TextUnformatted(why);
        ImGui::PopTextWrapPos();
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + areaH + ImGui::GetStyle().ItemSpacing.y));
    c.report.media.push_back({m.id, "file", size.x / c.scale, size.y / c.scale, pos.x / c.scale, pos.y / c.scale});
    return false;
}

}  // namespace

float attachmentHeight(Ctx& c, const model::Attachment& a) {
    return areaHeight(c, a) + ImGui::GetStyle().ItemSpacing.y + ImGui::GetFrameHeightWithSpacing();
}

void drawAttachment(Ctx& c, const std::string& jid, const model::Message& m) {
    const model::Attachment& a = *m.attachment;
    ImGui::PushID("attachment");
    const float width = ImGui::GetContentRegionAvail().x;
    if (pictureArea(c, m, width)) c.ui.viewer = ViewerUi{true, true, jid, m.id, 0, true};
    // The action line.
    enum class Act { None, Cancel, Retry, Load, Save, Drawn } act = Act::None;
    const bool moving = a.state == model::AttachmentState::Uploading || a.state == model::AttachmentState::Downloading;
    if (moving) {
        const float fraction = a.size ? static_cast<float>(a.done) / static_cast<float>(a.size) : 0.0f;
        char label[64];
        std::snprintf(label, sizeof label, "%s %d%%", mt(c, a.state == model::AttachmentState::Uploading ? "uploading" : "downloading"),
                      static_cast<int>(fraction * 100));
        ImGui::ProgressBar(std::clamp(fraction, 0.0f, 1.0f), ImVec2(std::min(width, c.px(kThumbW)) * 0.6f, 0), label);
        ImGui::SameLine();
        if (ImGui::SmallButton(mt(c, "cancel"))) act = Act::Cancel;
        drawn(c, mt(c, "cancel"));
    } else if (a.state == model::AttachmentState::Failed) {
        if (ImGui::SmallButton(mt(c, "retry"))) act = Act::Retry;
        drawn(c, mt(c, "retry"));
        if (m.direction == model::Direction::Outgoing && a.url.empty()) {
            ImGui::SameLine();
            if (ImGui::SmallButton(mt(c, "cancel"))) act = Act::Cancel;
            drawn(c, mt(c, "cancel"));
        }
    } else if (!bytesOf(c, m) && (a.state == model::AttachmentState::Blocked || a.state == model::AttachmentState::Available)) {
        if (ImGui::SmallButton(mt(c, "load"))) act = Act::Load;
        drawn(c, mt(c, "load"));
    } else if (bytesOf(c, m)) {
        if (ImGui::SmallButton(mt(c, "save"))) act = Act::Save;
        drawn(c, mt(c, "save"));
    } else {
        ImGui::Dummy(ImVec2(0, ImGui::GetFrameHeight()));
    }
    // Drawn without its bytes: a contact's file not fetched yet (older than what the chat fetches by itself)
    // or one the media cache let go — the core fetches it (a stranger's stays Blocked).
    const bool missing = !a.url.empty() && a.error.empty() && !bytesOf(c, m) &&
                         (a.state == model::AttachmentState::Available || a.state == model::AttachmentState::Sent ||
                          a.state == model::AttachmentState::Ready);
    if (act == Act::None && missing) act = Act::Drawn;
    ImGui::PopID();
    switch (act) {  // last: the message may change
        case Act::Cancel: c.client.cancelTransfer(jid, m.id); break;
        case Act::Retry: c.client.retryTransfer(jid, m.id); break;
        case Act::Load: c.client.loadAttachment(jid, m.id); break;
        case Act::Drawn: c.client.attachmentDrawn(jid, m.id); break;
        case Act::Save:
            if (c.hooks.media) c.hooks.media->save(a.name, bytesOf(c, m));
            break;
        case Act::None: break;
    }
}

float attachButtonWidth(Ctx& c) { return ImGui::CalcTextSize(mt(c, "attach")).x + ImGui::GetStyle().FramePadding.x * 4; }

// The server's limit is known before anything is picked (XEP-0363 disco) and said on the button.
void attachButton(Ctx& c, const std::string& jid, float height) {
    const bool available = !c.st.upload.jid.empty();
    if (!available) ImGui::BeginDisabled();
    const bool click = ImGui::Button(mt(c, "attach"), ImVec2(attachButtonWidth(c), height));
    if (!available) ImGui::EndDisabled();
    drawn(c, mt(c, "attach"));
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        char hint[256];
        if (!available) std::snprintf(hint, sizeof hint, "%s", mt(c, "no-upload"));
        else if (c.st.upload.maxFileSize) std::snprintf(hint, sizeof hint, mt(c, "attach-hint"), humanSize(c, c.st.upload.maxFileSize).c_str());
        else std::snprintf(hint, sizeof hint, "%s", mt(c, "attach-hint-nolimit"));
        ImGui::SetTooltip("%s", hint);
        drawn(c, hint);
    }
    if (click && available) c.hooks.media->pickFiles(jid);
}

namespace {

// A picture the viewer goes through: drawn as a picture (its bytes said so), not failed.
bool isPicture(const model::Message& m) {
    return m.attachment && m.attachment->kind == model::AttachmentKind::Image && m.attachment->error.empty();
}

// The viewer's toolbar flows: an item goes on the line when it fits, else on the next (a phone's width).
bool flowButton(Ctx& c, const char* key, bool& first, bool enabled = true) {
    const char* label = mt(c, key);
    const float w = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2;
    if (!first) {
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
    }
    first = false;
    if (!enabled) ImGui::BeginDisabled();
    const bool clicked = ImGui::Button(label);
    if (!enabled) ImGui::EndDisabled();
    drawn(c, label);
    return clicked && enabled;
}

void flowText(Ctx& c, const char* text) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(text).x) ImGui::NewLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    drawn(c, text);
}

}  // namespace

void drawMediaViewer(Ctx& c) {
    ViewerUi& v = c.ui.viewer;
    if (v.opening) {
        ImGui::OpenPopup("media-viewer");
        v.opening = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    if (!ImGui::BeginPopupModal("media-viewer", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove))
        return;
    // The chat's pictures in order (the one shown stays in the list even if it failed meanwhile).
    std::vector<const model::Message*> pictures;
    std::size_t at = 0;
    if (auto conv = c.st.conversations.find(v.jid); conv != c.st.conversations.end()) {
        for (const model::Message& m : conv->second.messages) {
            if (m.id == v.id && m.attachment) at = pictures.size() + 1;
            if (isPicture(m) || (m.id == v.id && m.attachment)) pictures.push_back(&m);
        }
    }
    bool close = !v.open || at == 0 || !c.hooks.media;
    bool load = false;
    if (!close) {
        const model::Message& m = *pictures[at - 1];
        const model::Attachment& a = *m.attachment;
        auto bytes = bytesOf(c, m);
        std::size_t go = at;  // 1-based
        bool first = true;
        if (flowButton(c, "previous", first, at > 1)) go = at - 1;
        char position[32];
        std::snprintf(position, sizeof position, "%zu / %zu", at, pictures.size());
        flowText(c, position);
        if (flowButton(c, "next", first, at < pictures.size())) go = at + 1;
        if (flowButton(c, "fit", first)) v.zoom = 0;
        if (flowButton(c, "zoom-in", first)) v.zoom = std::min((v.zoom ? v.zoom : 1.0f) * 1.5f, 8.0f);
        if (flowButton(c, "zoom-out", first)) v.zoom = std::max((v.zoom ? v.zoom : 1.0f) / 1.5f, 0.1f);
        if (flowButton(c, "save", first, bytes != nullptr)) c.hooks.media->save(a.name, bytes);
        if (flowButton(c, "close", first) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) close = true;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow)) && at > 1) go = at - 1;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)) && at < pictures.size()) go = at + 1;
        c.report.viewer = DrawnViewer{true, m.id, static_cast<int>(at), static_cast<int>(pictures.size())};
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        ImGui::BeginChild("picture", avail, false, ImGuiWindowFlags_HorizontalScrollbar);
        if (v.resetScroll) {
            ImGui::SetScrollX(0);
            ImGui::SetScrollY(0);
            v.resetScroll = false;
        }
        const MediaHost::Picture p = bytes ? c.hooks.media->picture(mediaKey(m), bytes, kViewerDecode) : MediaHost::Picture{};
        if (p.texture) {
            const float w = static_cast<float>(p.width), h = static_cast<float>(p.height);
            const ImVec2 size = v.zoom == 0 ? fit(w, h, avail.x, avail.y) : ImVec2(w * v.zoom, h * v.zoom);
            const ImVec2 start = ImGui::GetCursorPos();  // centred where it is smaller than the view
            ImGui::SetCursorPos(ImVec2(start.x + std::max(0.0f, (avail.x - size.x) / 2), start.y + std::max(0.0f, (avail.y - size.y) / 2)));
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            ImGui::Image(p.texture, size);
            // Pan by dragging (a mouse, a finger) as well as by the scroll bars and the wheel.
            ImGui::SetCursorScreenPos(pos);
            ImGui::InvisibleButton("pan", ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f)));
            if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
                const ImVec2 d = ImGui::GetIO().MouseDelta;
                ImGui::SetScrollX(ImGui::GetScrollX() - d.x);
                ImGui::SetScrollY(ImGui::GetScrollY() - d.y);
            }
            c.report.viewer.w = size.x / c.scale;
            c.report.viewer.h = size.y / c.scale;
            c.report.viewer.textureW = p.width;
            c.report.viewer.textureH = p.height;
        } else {
            const char* what = !a.error.empty() ? mt(c, a.error) : mt(c, "downloading");
            ImGui::TextUnformatted(*what ? what : mt(c, "failed"));
            load = !bytes && a.error.empty();  // its bytes were let go (the media cache): fetched again
        }
        c.report.viewer.scrollX = ImGui::GetScrollX() / c.scale;
        c.report.viewer.scrollY = ImGui::GetScrollY() / c.scale;
        ImGui::EndChild();
        if (go != at) {
            v.id = pictures[go - 1]->id;
            v.zoom = 0;
            v.resetScroll = true;
        }
    }
    if (close) {
        v = ViewerUi{};
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
    if (load) c.client.loadAttachment(v.jid, v.id);  // last: the message may change
}

}  // namespace starling::ui
