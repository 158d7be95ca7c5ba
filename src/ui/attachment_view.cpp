// A shared file in a chat row: the picture as a thumbnail (decoded by the browser, drawn from a texture)
// or a card with its name and size (audio with its player: voice_view.cpp); a progress bar with Cancel
// while it moves; Load for what was not fetched by itself (a stranger's, too large); Try again after a
// failure; Save. A click on a picture
// opens the viewer (fit, zoom, pan by scrolling, save). The row keeps one height whatever the state, so
// the history never jumps while a file loads. The aesgcm:// link (it holds the key) is never shown.
#include <imgui.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "ui/media_host.h"
#include "ui/views.h"

namespace starling::ui {
namespace {

constexpr float kThumbW = 260.0f;  // CSS px
constexpr float kThumbH = 150.0f;
constexpr int kThumbDecode = 520;     // device px the thumbnail is decoded to (longest side)
constexpr int kViewerDecode = 4096;

// The open viewer (one at a time), by the attachment's url.
struct Viewer {
    std::string url, name;
    float zoom = 0;  // 0: fit
    bool open = false;
} g_viewer;

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

// The picture area: the thumbnail, or a card. Returns true when clicked (a drawn picture: the viewer).
bool pictureArea(Ctx& c, const model::Message& m, float width) {
    const model::Attachment& a = *m.attachment;
    const float areaH = c.px(kThumbH);
    auto bytes = bytesOf(c, m);
    const bool drawable = a.kind == model::AttachmentKind::Image && a.error.empty() && bytes && c.hooks.media;
    if (drawable) {
        const MediaHost::Picture p = c.hooks.media->picture(mediaKey(m), bytes, kThumbDecode);
        if (p.texture) {
            const ImVec2 size = fit(static_cast<float>(p.width), static_cast<float>(p.height), std::min(width, c.px(kThumbW)), areaH);
            ImGui::Image(p.texture, size);
            const bool clicked = ImGui::IsItemClicked();
            ImGui::SetCursorScreenPos(ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y + areaH + ImGui::GetStyle().ItemSpacing.y));
            c.report.media.push_back({m.id, "image", size.x / c.scale, size.y / c.scale});
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
    if (a.kind == model::AttachmentKind::Audio && a.error.empty() && bytes) {
        ImGui::SetCursorScreenPos(ImVec2(pos.x + c.px(10), ImGui::GetCursorScreenPos().y + c.px(4)));
        audioPlayer(c, m.id, mediaKey(m), bytes, a.mime, size.x - c.px(20));  // voice_view.cpp
    }
    if (!a.error.empty() || a.state == model::AttachmentState::Blocked) {
        const char* why = a.state == model::AttachmentState::Blocked ? mt(c, "blocked") : mt(c, a.error);
        if (!*why) why = a.state == model::AttachmentState::Failed && m.direction == model::Direction::Outgoing ? mt(c, "upload-failed") : mt(c, "failed");
        ImGui::PushTextWrapPos(pos.x + size.x - c.px(10));
        ImGui::TextUnformatted(why);
        ImGui::PopTextWrapPos();
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + areaH + ImGui::GetStyle().ItemSpacing.y));
    const char* kind = a.kind == model::AttachmentKind::Audio ? "audio" : "file";
    if (a.kind == model::AttachmentKind::Image && a.error.empty()) kind = "file";  // not drawn (yet)
    c.report.media.push_back({m.id, kind, size.x / c.scale, size.y / c.scale});
    return false;
}

}  // namespace

float attachmentHeight(Ctx& c) {
    return c.px(kThumbH) + ImGui::GetStyle().ItemSpacing.y + ImGui::GetFrameHeightWithSpacing();
}

void drawAttachment(Ctx& c, const std::string& jid, const model::Message& m) {
    const model::Attachment& a = *m.attachment;
    ImGui::PushID("attachment");
    const float width = ImGui::GetContentRegionAvail().x;
    if (pictureArea(c, m, width)) {
        g_viewer = Viewer{mediaKey(m), a.name, 0, true};
        ImGui::OpenPopup("viewer");
    }
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
    if (ImGui::BeginPopupModal("viewer", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
        drawMediaViewer(c);
        ImGui::EndPopup();
    }
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

void drawMediaViewer(Ctx& c) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetWindowPos(vp->Pos);
    ImGui::SetWindowSize(vp->Size);
    auto bytes = c.st.media.find(g_viewer.url);
    bool close = !g_viewer.open || !bytes || !c.hooks.media;
    if (!close) {
        if (ImGui::Button(mt(c, "fit"))) g_viewer.zoom = 0;
        ImGui::SameLine();
        if (ImGui::Button(mt(c, "zoom-in"))) g_viewer.zoom = std::min((g_viewer.zoom ? g_viewer.zoom : 1.0f) * 1.5f, 8.0f);
        ImGui::SameLine();
        if (ImGui::Button(mt(c, "zoom-out"))) g_viewer.zoom = std::max((g_viewer.zoom ? g_viewer.zoom : 1.0f) / 1.5f, 0.1f);
        ImGui::SameLine();
        if (ImGui::Button(mt(c, "save"))) c.hooks.media->save(g_viewer.name, bytes);
        ImGui::SameLine();
        if (ImGui::Button(mt(c, "close")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) close = true;
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        ImGui::BeginChild("picture", avail, false, ImGuiWindowFlags_HorizontalScrollbar);
        const MediaHost::Picture p = c.hooks.media->picture(g_viewer.url, bytes, kViewerDecode);
        if (p.texture) {
            const float w = static_cast<float>(p.width), h = static_cast<float>(p.height);
            const ImVec2 size = g_viewer.zoom == 0 ? fit(w, h, avail.x, avail.y) : ImVec2(w * g_viewer.zoom, h * g_viewer.zoom);
            ImGui::Image(p.texture, size);
        }
        ImGui::EndChild();
    }
    if (close) {
        g_viewer.open = false;
        ImGui::CloseCurrentPopup();
    }
}

}  // namespace starling::ui
