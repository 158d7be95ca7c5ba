#include "ui/omemo_view.h"

#include <cstdio>
#include <cstring>
#include <set>
#include <string>

#include <imgui.h>

namespace starling::ui {
namespace {

const ImVec4 kWarn(1.0f, 0.70f, 0.30f, 1.0f);

// m.omemoWarning "untrusted 1234" / "identity-changed 1234": the i18n key and the device; false when none.
bool trustWarning(const model::Message& m, const char*& key, unsigned& device) {
    const std::size_t space = m.omemoWarning.find(' ');
    if (space == std::string::npos) return false;
    const std::string_view mark = std::string_view(m.omemoWarning).substr(0, space);
    if (mark == "untrusted") key = "warn-untrusted";
    else if (mark == "identity-changed") key = "warn-identity-changed";
    else return false;
    device = 0;
    for (std::size_t i = space + 1; i < m.omemoWarning.size() && m.omemoWarning[i] >= '0' && m.omemoWarning[i] <= '9'; ++i)
        device = device * 10 + static_cast<unsigned>(m.omemoWarning[i] - '0');
    return true;
}

// The trust warning's text (it names the device), or "" when the message has none. An encrypted private
// message through a room whose sender the room does not name says why it cannot be read, the same way.
std::string trustWarningText(Ctx& c, const model::Message& m, const char*& key) {
    if (m.encrypted && m.error == "omemo-private-sender-unknown") {
        key = "private-sender-unknown";
        return omemoText(c.lang(), key);
    }
    unsigned device = 0;
    if (!trustWarning(m, key, device)) return {};
    char text[200];
    std::snprintf(text, sizeof text, omemoText(c.lang(), key), device);
    return text;
}

// The trust warning on its own line, in the warning colour.
void drawTrustWarning(Ctx& c, const model::Message& m) {
    const char* key = nullptr;
    const std::string text = trustWarningText(c, m, key);
    if (text.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, kWarn);
    ImGui::TextWrapped("%s", text.c_str());  // our own format string, the device a number
    ImGui::PopStyleColor();
    drawn(c, omemoText(c.lang(), key));
}

// "omemo-undecryptable 1234" → 1234; false for other errors.
bool undecryptableDevice(const model::Message& m, unsigned& device) {
    static constexpr std::string_view kPrefix = "omemo-undecryptable ";
    if (m.error.compare(0, kPrefix.size(), kPrefix) != 0) return false;
    device = 0;
    for (std::size_t i = kPrefix.size(); i < m.error.size() && m.error[i] >= '0' && m.error[i] <= '9'; ++i)
        device = device * 10 + static_cast<unsigned>(m.error[i] - '0');
    return true;
}

const char* trustText(Ctx& c, model::DeviceTrust t) {
    switch (t) {
        case model::DeviceTrust::Verified: return omemoText(c.lang(), "verified");
        case model::DeviceTrust::Untrusted: return omemoText(c.lang(), "untrusted");
        case model::DeviceTrust::Blind: break;
    }
    return omemoText(c.lang(), "blind");
}

void deviceRows(Ctx& c, const std::string& jid, const std::vector<model::OmemoDevice>& devices) {
    for (const auto& d : devices) {
        ImGui::PushID(static_cast<int>(d.id));
        ImGui::Text("%u", d.id);  // our format, a number
        ImGui::SameLine();
        ImGui::TextDisabled("%s", trustText(c, d.trust));
        ImGui::TextUnformatted(d.fingerprint.empty() ? "…" : d.fingerprint.c_str());
        if (d.trust != model::DeviceTrust::Verified && ImGui::SmallButton(omemoText(c.lang(), "verify")))
            c.client.setDeviceTrust(jid, d.id, true);
        if (d.trust != model::DeviceTrust::Untrusted) {
            if (d.trust != model::DeviceTrust::Verified) ImGui::SameLine();
            if (ImGui::SmallButton(omemoText(c.lang(), "distrust"))) c.client.setDeviceTrust(jid, d.id, false);
        }
        ImGui::Separator();
        ImGui::PopID();
    }
}

}  // namespace

std::string omemoVerificationUri(const std::string& jid, std::uint32_t ownDevice, const std::string& fingerprint) {
    std::string hex;
    for (char ch : fingerprint)
        if (ch != ' ') hex += ch;
    return "xmpp:" + jid + "?omemo-sid-" + std::to_string(ownDevice) + "=" + hex;
}

void omemoMessageMarker(Ctx& c, const model::Message& m, const std::string& peer) {
    unsigned device = 0;
    if (m.encrypted && undecryptableDevice(m, device)) {
        char text[160];
        std::snprintf(text, sizeof text, omemoText(c.lang(), "undecryptable"), device);
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, kWarn);
        ImGui::TextUnformatted(text);
        ImGui::PopStyleColor();
        drawTrustWarning(c, m);
        return;
    }
    if (m.encrypted) {
        ImGui::SameLine();
        const std::string lock = omemoText(c.lang(), "lock");
        noteGlyphs(c, lock);
        ImGui::TextUnformatted(lock.c_str());
        drawTrustWarning(c, m);
        return;
    }
    // Plaintext in a chat that is encrypted now: say so (never inherit the lock).
    auto it = c.st.omemo.chatEncrypted.find(peer);
    if (it != c.st.omemo.chatEncrypted.end() && it->second) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, kWarn);
        ImGui::TextUnformatted(omemoText(c.lang(), "unencrypted"));
        ImGui::PopStyleColor();
    }
}

float omemoMarkerExtraHeight(Ctx& c, const model::Message& m, float width) {
    const char* key = nullptr;
    const std::string text = trustWarningText(c, m, key);
    if (text.empty()) return 0.0f;
    return ImGui::CalcTextSize(text.c_str(), nullptr, false, width).y + ImGui::GetStyle().ItemSpacing.y;
}

bool omemoKeysWaiting(const Ctx& c, const std::string& peer) {
    if (c.st.connection != model::Connection::Online || !c.st.omemo.waitingForKeys.count(peer)) return false;
    auto conv = c.st.conversations.find(peer);
    if (conv == c.st.conversations.end()) return false;
    for (auto m = conv->second.messages.rbegin(); m != conv->second.messages.rend(); ++m)
        if (m->direction == model::Direction::Outgoing && m->status == model::MessageStatus::Queued) return true;
    return false;
}

void omemoChatControls(Ctx& c, const std::string& peer) {
    const model::Omemo& o = c.st.omemo;
    if (o.ownDeviceId == 0) return;  // no keys (yet)
    auto enc = o.chatEncrypted.find(peer);
    const bool on = enc != o.chatEncrypted.end() && enc->second;
    ImGui::SameLine();
    if (ImGui::SmallButton(omemoText(c.lang(), on ? "encryption-on" : "encryption-off")))
        c.client.setChatEncryption(peer, !on);
    drawn(c, omemoText(c.lang(), on ? "encryption-on" : "encryption-off"));
    ImGui::SameLine();
    if (ImGui::SmallButton(omemoText(c.lang(), "fingerprints"))) ImGui::OpenPopup("omemo-fingerprints");
    drawn(c, omemoText(c.lang(), "fingerprints"));
    if (!ImGui::BeginPopup("omemo-fingerprints")) return;
    ImGui::TextDisabled("%s", omemoText(c.lang(), "own-device"));
    ImGui::Text("%u", o.ownDeviceId);
    ImGui::TextUnformatted(o.ownFingerprint.c_str());
    {
        const std::string own = c.st.ownJid.substr(0, c.st.ownJid.find('/'));
        const std::string uri = omemoVerificationUri(own, o.ownDeviceId, o.ownFingerprint);
        if (ImGui::SmallButton(c.t(S::Copy))) ImGui::SetClipboardText(uri.c_str());
        omemoQrCode(c, uri);
    }
    ImGui::Separator();
    ImGui::TextDisabled("%s", omemoText(c.lang(), "contact-devices"));
    auto devices = o.devices.find(peer);
    if (devices == o.devices.end() || devices->second.empty()) ImGui::TextDisabled("%s", omemoText(c.lang(), "no-devices"));
    else deviceRows(c, peer, devices->second);
    const std::string own = c.st.ownJid.substr(0, c.st.ownJid.find('/'));
    auto mine = o.devices.find(own);
    if (mine != o.devices.end() && !mine->second.empty()) {
        ImGui::TextDisabled("%s", omemoText(c.lang(), "own-devices"));
        ImGui::PushID("own");
        deviceRows(c, own, mine->second);
        ImGui::PopID();
    }
    ImGui::EndPopup();
}

void omemoRoomControls(Ctx& c, const model::Room& room) {
    const model::Omemo& o = c.st.omemo;
    if (o.ownDeviceId == 0 || !room.encryptable) return;  // no keys, or a room OMEMO cannot reach whole
    ImGui::SameLine();
    const char* label = omemoText(c.lang(), room.encrypted ? "encryption-on" : "encryption-off");
    if (ImGui::SmallButton(label)) c.client.setChatEncryption(room.jid, !room.encrypted);
    drawn(c, label);
    ImGui::SameLine();
    if (ImGui::SmallButton(omemoText(c.lang(), "fingerprints"))) ImGui::OpenPopup("omemo-room-fingerprints");
    drawn(c, omemoText(c.lang(), "fingerprints"));
    if (!ImGui::BeginPopup("omemo-room-fingerprints")) return;
    ImGui::TextDisabled("%s", omemoText(c.lang(), "own-device"));
    ImGui::Text("%u", o.ownDeviceId);
    ImGui::TextUnformatted(o.ownFingerprint.c_str());
    ImGui::Separator();
    ImGui::TextDisabled("%s", omemoText(c.lang(), "member-devices"));
    std::set<std::string> members;
    for (const auto& [nick, occupant] : room.occupants)
        if (std::string bare = occupant.realJid.substr(0, occupant.realJid.find('/')); !bare.empty()) members.insert(bare);
    members.erase(c.st.ownJid.substr(0, c.st.ownJid.find('/')));
    for (const std::string& bare : members) {
        ImGui::PushID(bare.c_str());
        ImGui::TextUnformatted(bare.c_str());  // received text: never a format or a label
        auto devices = o.devices.find(bare);
        if (devices == o.devices.end() || devices->second.empty()) ImGui::TextDisabled("%s", omemoText(c.lang(), "no-devices"));
        else deviceRows(c, bare, devices->second);
        ImGui::PopID();
    }
    ImGui::EndPopup();
}

}  // namespace starling::ui
