// One message of the open chat: the header (sender, time, delivery marks, OMEMO marker), the body, and for
// a message that failed, why in plain words with "Send again". A long body shows a part of at most
// kBodyMaxShownBytes (first kBodyStepBytes): "Show more" / "Show earlier" move it a step, "Copy whole
// message" and the context menu copy all of it. So whatever a contact sends, a frame lays out a bounded
// amount of its text. rowHeight measures exactly what messageRow draws.
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>

#include <imgui.h>

#include "core/im/jid_util.h"
#include "ui/message_actions.h"
#include "ui/omemo_view.h"
#include "ui/room_view.h"
#include "ui/styled_text.h"
#include "ui/views.h"

namespace starling::ui {
namespace {

constexpr std::size_t kBreakSearchBytes = 256;  // a part ends after a space or line break this close to its end
constexpr std::size_t kWholeBytes = kBodyStepBytes + kBodyStepBytes / 4;  // shown whole up to this size
const ImVec4 kFailedColor(1.0f, 0.45f, 0.45f, 1.0f);

bool continuation(char ch) { return (static_cast<unsigned char>(ch) & 0xC0) == 0x80; }

char statusChar(const model::Message& m) { return m.status == model::MessageStatus::Failed ? 'F' : '-'; }

// A part boundary at or before `pos` and after `floor`: a code point start, just after a space or line
// break when one is near.
std::size_t cutAt(const std::string& body, std::size_t pos, std::size_t floor) {
    if (pos >= body.size()) return body.size();
    std::size_t p = pos;
    while (p > floor + 1 && continuation(body[p])) --p;
    for (std::size_t q = p; q > floor + 1 && p - q < kBreakSearchBytes; --q)
        if (body[q - 1] == ' ' || body[q - 1] == '\n') return q;
    return p;
}

// The end of a step from `from`: the whole rest when too little would be left for another step.
std::size_t stepEnd(const std::string& body, std::size_t from) {
    if (body.size() - from <= kWholeBytes) return body.size();
    return cutAt(body, from + kBodyStepBytes, from);
}

}  // namespace

BodyWindow shownPart(const Ctx& c, const std::string& jid, const model::Message& m) {
    if (m.body.size() <= kWholeBytes) return {0, m.body.size()};
    if (!c.ui.bodyWindows.empty()) {
        auto it = c.ui.bodyWindows.find({jid, m.id});
        if (it != c.ui.bodyWindows.end()) {
            BodyWindow w = it->second;
            w.end = std::min(w.end, m.body.size());
            w.begin = std::min(w.begin, w.end);
            return w;
        }
    }
    return {0, stepEnd(m.body, 0)};
}

namespace {

void setShownPart(Ctx& c, const std::string& jid, const model::Message& m, BodyWindow w) {
    if (w.begin == 0 && w.end == stepEnd(m.body, 0)) c.ui.bodyWindows.erase({jid, m.id});
    else c.ui.bodyWindows[{jid, m.id}] = w;
    c.ui.rows[jid].revision = ~std::uint64_t{0};  // the row's height changes: compare the rows again
}

// A step more at the end; past kBodyMaxShownBytes the start moves on as much.
void showMore(Ctx& c, const std::string& jid, const model::Message& m, BodyWindow w) {
    w.end = stepEnd(m.body, w.end);
    if (w.end - w.begin > kBodyMaxShownBytes)
        w.begin = cutAt(m.body, w.end - kBodyMaxShownBytes + kBreakSearchBytes + 4, w.begin);
    setShownPart(c, jid, m, w);
}

void showEarlier(Ctx& c, const std::string& jid, const model::Message& m, BodyWindow w) {
    w.begin = w.begin <= kWholeBytes ? 0 : cutAt(m.body, w.begin - kBodyStepBytes, 0);
    if (w.end - w.begin > kBodyMaxShownBytes) w.end = cutAt(m.body, w.begin + kBodyMaxShownBytes, w.begin);
    setShownPart(c, jid, m, w);
}

// Who a "/me" action names: the sender's nick in a room (ours for our own), else the contact's name or our
// account's local part.
std::string actorName(const Ctx& c, const std::string& jid, const model::Message& m) {
    const bool out = m.direction == model::Direction::Outgoing;
    if (isRoomChat(c, jid)) {
        auto room = c.st.rooms.find(jid);
        if (out && room != c.st.rooms.end() && !room->second.nick.empty()) return room->second.nick;
        return im::resourceOf(m.from);
    }
    if (out) return c.st.ownJid.substr(0, c.st.ownJid.find('@'));
    return displayName(c.st, jid);
}

StyledBody styledPart(const Ctx& c, const std::string& jid, const model::Message& m, BodyWindow w) {
    const std::string_view part(m.body.data() + w.begin, w.end - w.begin);
    if (w.begin != 0 || m.body.compare(0, 4, "/me ") != 0) return styleBody(part, false, {}, m.unstyled);
    return styleBody(part, true, actorName(c, jid, m), m.unstyled);
}

// model::Message::error is "<code>[ <detail>]". A code without a text of its own (an error stored by an
// older version: the server's text) is shown whole as the detail.
struct ErrorParts {
    std::string_view code, detail;
};
ErrorParts splitError(const std::string& error) {
    std::string_view e(error);
    const std::size_t space = e.find(' ');
    ErrorParts p{e.substr(0, space), space == std::string_view::npos ? std::string_view() : e.substr(space + 1)};
    if (!knownMessageError(p.code) && !e.empty()) p.detail = e;
    return p;
}

float failedHeight(const Ctx& c, const model::Message& m, float width) {
    const float labelW = ImGui::CalcTextSize(c.t(S::MsgFailed)).x + ImGui::GetStyle().ItemSpacing.x;
    const char* why = messageErrorText(c.lang(), splitError(m.error).code);
    const float whyH = ImGui::CalcTextSize(why, nullptr, false, std::max(1.0f, width - labelW)).y;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    return std::max(ImGui::GetTextLineHeight(), whyH) + ImGui::GetStyle().ItemSpacing.y +
           (splitError(m.error).detail.empty() ? 0.0f : line) + line;
}

// Why it failed, in the person's language, and "Send again". True when that was clicked.
bool failedNote(Ctx& c, const model::Message& m) {
    const ErrorParts e = splitError(m.error);
    ImGui::PushStyleColor(ImGuiCol_Text, kFailedColor);
    ImGui::TextUnformatted(c.t(S::MsgFailed));
    drawn(c, c.t(S::MsgFailed));
    ImGui::SameLine();
    const char* why = messageErrorText(c.lang(), e.code);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(why);
    ImGui::PopTextWrapPos();
    drawn(c, why);
    ImGui::PopStyleColor();
    if (!e.detail.empty()) {  // the server's own words (untrusted data, one line)
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        textEllipsis(c, e.detail, ImGui::GetContentRegionAvail().x);
        ImGui::PopStyleColor();
    }
    const bool again = ImGui::SmallButton(c.t(S::SendAgain));
    drawn(c, c.t(S::SendAgain));
    return again;
}

void header(Ctx& c, const model::Message& m, const std::string& peer, const std::string& peerName) {
    const bool out = m.direction == model::Direction::Outgoing;
    ImGui::PushStyleColor(ImGuiCol_Text, out ? ImVec4(0.55f, 0.75f, 1.0f, 1.0f) : ImVec4(0.55f, 0.90f, 0.60f, 1.0f));
    if (out) {
        ImGui::TextUnformatted(c.t(S::Me));
        drawn(c, c.t(S::Me));
    } else if (isRoomChat(c, peer)) {
        roomSender(c, m);  // the occupant's nick, coloured
    } else {
        textEllipsis(c, peerName, std::max(ImGui::GetFontSize() * 4.0f, ImGui::GetContentRegionAvail().x * 0.6f));
    }
    ImGui::PopStyleColor();
    ImGui::SameLine();
    const std::string time = formatTime(m.timestampMs);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(time.c_str());
    ImGui::PopStyleColor();
    if (out) {
        // ✓ sent to the server, ✓✓ delivered (receipt), ✓✓ in blue and "Read": displayed (marker).
        ImGui::SameLine();
        bool read = m.status == model::MessageStatus::Displayed;
        ImVec4 color = read ? ImVec4(0.35f, 0.70f, 1.0f, 1.0f) : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
        textColored(color, statusMark(m.status));
        if (read) {
            ImGui::SameLine();
            textColored(color, c.t(S::Read));
            drawn(c, c.t(S::Read));
        }
    }
    omemoMessageMarker(c, m, peer);
    headerActions(c, peer, m);
}

// The part of the body shown, with the buttons that move it. Returns the bytes drawn.
std::size_t body(Ctx& c, const std::string& jid, const model::Message& m) {
    if (m.retracted) {
        const std::string_view deleted = shownBody(c, m);
        ImGui::TextDisabled("%s", deleted.data());
        drawn(c, deleted.data());
        return 0;
    }
    const BodyWindow w = shownPart(c, jid, m);
    if (w.begin > 0) {
        if (ImGui::SmallButton(c.t(S::ShowEarlier))) showEarlier(c, jid, m, w);
        drawn(c, c.t(S::ShowEarlier));
    }
    const std::string_view part(m.body.data() + w.begin, w.end - w.begin);
    noteGlyphs(c, part);
    c.report.textBytes += part.size();
    drawStyled(c, styledPart(c, jid, m, w));  // XEP-0393 styles, links, "/me" (one item)
    if (ImGui::BeginPopupContextItem("msg-menu")) {
        if (ImGui::MenuItem(c.t(S::Copy))) ImGui::SetClipboardText(m.body.c_str());
        ImGui::EndPopup();
    }
    if (w.end < m.body.size()) {
        if (ImGui::SmallButton(c.t(S::ShowMore))) showMore(c, jid, m, w);
        drawn(c, c.t(S::ShowMore));
        ImGui::SameLine();
        if (ImGui::SmallButton(c.t(S::CopyWhole))) ImGui::SetClipboardText(m.body.c_str());
        drawn(c, c.t(S::CopyWhole));
        ImGui::SameLine();
        char shown[96];
        std::snprintf(shown, sizeof shown, c.t(S::ShownOfKb), w.end / 1024, (m.body.size() + 1023) / 1024);
        ImGui::TextDisabled("%s", shown);
    }
    return part.size();
}

}  // namespace

std::string rowKey(const Ctx& c, const std::string& jid, const model::Message& m) {
    std::string key = m.id + statusChar(m) + actionsKey(m);
    const BodyWindow w = shownPart(c, jid, m);
    if (w.begin != 0 || w.end != m.body.size()) key += '|' + std::to_string(w.begin) + ',' + std::to_string(w.end);
    return key;
}

bool rowKeyIsId(const std::string& key, const std::string& id) {
    const std::size_t n = id.size();
    if (key.size() < n + 1 || key.compare(0, n, id) != 0 || (key[n] != 'F' && key[n] != '-')) return false;
    std::size_t p = n + 1;
    if (p < key.size() && key[p] == '~') {  // message actions (actionsKey): no '|' in it
        p = key.find('|', p);
        if (p == std::string::npos) return true;
    }
    if (key.size() == p) return true;
    if (key[p] != '|') return false;
    return key.find_first_not_of("0123456789,", p + 1) == std::string::npos;
}

bool rowKeyMatches(const Ctx& c, const std::string& jid, const std::string& key, const model::Message& m) {
    const std::size_t n = m.id.size();
    if (key.size() < n + 1 || key.compare(0, n, m.id) != 0 || key[n] != statusChar(m)) return false;
    if (m.body.size() <= kWholeBytes && !hasActions(m)) return key.size() == n + 1;
    return key == rowKey(c, jid, m);  // a long body: the part shown too
}

float rowHeight(Ctx& c, const std::string& jid, const model::Message& m, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const BodyWindow w = m.attachment ? BodyWindow{} : shownPart(c, jid, m);  // a file shows no body
    c.report.textBytes += w.end - w.begin;
    // A file or a deleted message has no body: one line, as an empty text is.
    const float bodyH = m.attachment || m.retracted ? ImGui::GetFontSize() : styledHeight(c, styledPart(c, jid, m, w), width);
    float h = line + bodyH + style.ItemSpacing.y * 2.0f;
    if (m.retracted) h += ImGui::GetTextLineHeight();  // "Message deleted" instead of the (empty) body
    h += actionsExtraHeight(c, jid, m, width);        // a reply's quote, reaction chips
    if (m.attachment) h += attachmentHeight(c, *m.attachment);
    if (w.begin > 0) h += line;            // "Show earlier"
    if (w.end < m.body.size() && !m.attachment) h += line;  // "Show more"
    if (m.status == model::MessageStatus::Failed && !m.attachment) h += failedHeight(c, m, width);
    h += omemoMarkerExtraHeight(c, m, width);  // a trust warning below the header
    return h;
}

std::size_t messageRow(Ctx& c, const std::string& jid, const model::Message& m, std::size_t index,
                       const std::string& peerName) {
    ImGui::PushID(static_cast<int>(index));
    const float top = ImGui::GetCursorScreenPos().y;
    header(c, m, jid, peerName);
    replyQuote(c, jid, m);
    std::size_t shown = 0;
    if (m.attachment) drawAttachment(c, jid, m);  // its body is the URL (an aesgcm one holds the key)
    else shown = body(c, jid, m);
    reactionChips(c, jid, m);
    noteRowHover(c, jid, m, top);
    const bool again = m.status == model::MessageStatus::Failed && !m.attachment && failedNote(c, m);
    ImGui::PopID();
    if (again) c.client.resendMessage(jid, m.id);  // last: m may change
    return shown;
}

}  // namespace starling::ui
