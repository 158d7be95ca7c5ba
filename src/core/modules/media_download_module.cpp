#include "core/modules/media_download_module.h"

#include <algorithm>

#include "core/im/jid_util.h"
#include "core/im/messages.h"
#include "core/media/media_policy.h"
#include "core/xep/xep0454_aesgcm.h"

namespace starling::modules {
namespace {

constexpr std::size_t kScanned = 40;  // the open chat's newest messages looked at each tick

std::string resourceOf(std::string_view full) {
    const std::size_t slash = full.find('/');
    return slash == std::string_view::npos ? "" : std::string(full.substr(slash + 1));
}

}  // namespace

MediaDownloadModule::MediaDownloadModule(Core& core, ClientConfig config, std::function<std::string()> connectedUrl)
    : Module(core), m_config(std::move(config)), m_connectedUrl(std::move(connectedUrl)) {}

void MediaDownloadModule::onAccount() {
    for (const auto& [id, f] : m_fetches) m_core.p.http.cancel(id);
    m_fetches.clear();
    m_tried.clear();
    m_core.state.media.clear();
}

bool MediaDownloadModule::senderKnown(const std::string& peer, const model::Message& m) const {
    if (m.direction == model::Direction::Outgoing) return true;
    auto room = m_core.state.rooms.find(peer);
    if (room == m_core.state.rooms.end()) return media::fromKnownSender(m_core.state, im::normalizedBare(m.from));
    auto occupant = room->second.occupants.find(resourceOf(m.from));
    if (occupant == room->second.occupants.end() || occupant->second.realJid.empty()) return false;
    return media::fromKnownSender(m_core.state, im::normalizedBare(occupant->second.realJid));
}

void MediaDownloadModule::onTimer(std::int64_t /*nowMs*/) {
    if (m_core.state.openChat.empty()) return;
    auto conv = m_core.state.conversations.find(m_core.state.openChat);
    if (conv == m_core.state.conversations.end()) return;
    auto& messages = conv->second.messages;
    const std::size_t from = messages.size() > kScanned ? messages.size() - kScanned : 0;
    for (std::size_t i = from; i < messages.size(); ++i) fetchByItself(conv->first, messages[i]);
}

void MediaDownloadModule::fetchByItself(const std::string& peer, model::Message& m) {
    if (!m.attachment || m.attachment->url.empty() || m_core.state.media.count(m.attachment->url)) return;
    const auto st = m.attachment->state;
    if (st != model::AttachmentState::Available && st != model::AttachmentState::Sent) return;
    if (!m_tried.insert(m.attachment->url).second) return;
    if (!senderKnown(peer, m)) {
        m.attachment->state = model::AttachmentState::Blocked;
        m_core.touch();
        return;
    }
    fetch(peer, m, media::kAutoDownloadLimit);
}

void MediaDownloadModule::drawn(const std::string& peer, const std::string& messageId) {
    auto conv = m_core.state.conversations.find(peer);
    if (conv == m_core.state.conversations.end()) return;
    model::Message* m = im::findMessage(conv->second, messageId);
    if (!m || !m->attachment || m->attachment->url.empty()) return;
    // Let go by the cache: it was fetched before (by itself or on a click), so it is fetched again.
    if (m->attachment->state == model::AttachmentState::Ready && m_core.state.media.evicted(m->attachment->url)) {
        load(peer, messageId);
        return;
    }
    fetchByItself(peer, *m);
}

bool MediaDownloadModule::load(const std::string& peer, const std::string& messageId) {
    auto conv = m_core.state.conversations.find(peer);
    if (conv == m_core.state.conversations.end()) return false;
    model::Message* m = im::findMessage(conv->second, messageId);
    if (!m || !m->attachment || m->attachment->url.empty()) return false;
    const auto st = m->attachment->state;
    if (st == model::AttachmentState::Downloading || st == model::AttachmentState::Uploading ||
        m_core.state.media.count(m->attachment->url))
        return false;
    m_tried.insert(m->attachment->url);
    fetch(peer, *m, media::kMaxDownload);
    return true;
}

bool MediaDownloadModule::cancel(const std::string& peer, const std::string& messageId) {
    for (auto it = m_fetches.begin(); it != m_fetches.end(); ++it) {
        if (it->second.peer != peer || it->second.messageId != messageId) continue;
        m_core.p.http.cancel(it->first);
        if (model::Message* m = messageOf(it->second); m && m->attachment) m->attachment->state = model::AttachmentState::Available;
        m_fetches.erase(it);
        m_core.touch();
        return true;
    }
    return false;
}

void MediaDownloadModule::fetch(const std::string& peer, model::Message& m, std::uint64_t limit) {
    model::Attachment& a = *m.attachment;
    platform::HttpRequest get;
    get.method = "GET";
    get.maxBytes = limit;
    if (a.encrypted) {
        // aesgcm:// means https; an http page in development reaches its own server over http.
        const std::string host = media::urlHost(a.url);
        const bool ownDevServer = !m_config.pageIsHttps && m_connectedUrl && host == media::urlHost(m_connectedUrl());
        auto link = xep::parseAesGcmLink(a.url, ownDevServer ? "http" : "https");
        if (!link) {
            a.state = model::AttachmentState::Failed;
            a.error = "bad-link";
            m_core.touch();
            return;
        }
        get.url = link->httpsUrl;
    } else {
        if (m_config.pageIsHttps && !a.url.starts_with("https://")) {
            a.state = model::AttachmentState::Failed;
            a.error = "not-https";
            m_core.touch();
            return;
        }
        get.url = a.url;
    }
    a.state = model::AttachmentState::Downloading;
    a.error.clear();
    a.done = 0;
    const std::uint32_t id = m_nextHttpId++;
    m_fetches[id] = Fetch{peer, m.id, a.url};
    m_core.p.http.request(id, get);
    m_core.touch();
}

model::Message* MediaDownloadModule::messageOf(const Fetch& f) {
    auto conv = m_core.state.conversations.find(f.peer);
    if (conv == m_core.state.conversations.end()) return nullptr;
    model::Message* m = im::findMessage(conv->second, f.messageId);
    return m && m->attachment && m->attachment->url == f.url ? m : nullptr;
}

bool MediaDownloadModule::onHttpProgress(std::uint32_t id, std::uint64_t done, std::uint64_t total) {
    auto it = m_fetches.find(id);
    if (it == m_fetches.end()) return false;
    if (model::Message* m = messageOf(it->second)) {
        m->attachment->done = done;
        if (total && !m->attachment->size) m->attachment->size = total;
        m_core.touch();
    }
    return true;
}

bool MediaDownloadModule::onHttpResult(std::uint32_t id, int status, std::string_view body) {
    auto it = m_fetches.find(id);
    if (it == m_fetches.end()) return false;
    const Fetch f = it->second;
    m_fetches.erase(it);
    model::Message* m = messageOf(f);
    if (!m) return true;
    model::Attachment& a = *m->attachment;
    m_core.touch();
    if (status == platform::kHttpTooLarge) {  // a click loads it
        a.state = model::AttachmentState::Available;
        a.error = "too-large";
        return true;
    }
    if (status != 200) {
        a.state = model::AttachmentState::Failed;
        a.error = "http-" + std::to_string(status);
        return true;
    }
    std::string bytes;
    if (a.encrypted) {
        auto link = xep::parseAesGcmLink(a.url);
        auto plain = link ? xep::aesGcmDecrypt(body, link->iv, link->key) : Result<std::string>(makeError("bad-link"));
        if (link) crypto::secureZero(link->key.data(), link->key.size());
        if (!plain) {
            a.state = model::AttachmentState::Failed;
            a.error = plain.error().code;
            m_core.log("shared file " + f.messageId + " not decrypted: " + plain.error().code);
            return true;
        }
        bytes = std::move(*plain);
    } else {
        bytes.assign(body);
    }
    const media::Classified c = media::classify(bytes, a.mime, a.name);
    a.kind = c.kind;
    a.width = c.width;
    a.height = c.height;
    a.error = c.error;
    a.size = bytes.size();
    a.done = a.size;
    a.state = model::AttachmentState::Ready;
    m_core.state.media.put(a.url, std::make_shared<const std::string>(std::move(bytes)));
    return true;
}

}  // namespace starling::modules
