#include "core/modules/xep0363_upload_module.h"

#include <algorithm>

#include "core/im/messages.h"
#include "core/jid/jid.h"
#include "core/media/media_policy.h"
#include "core/modules/chat.h"
#include "core/xep/xep0363_upload.h"
#include "core/xep/xep0454_aesgcm.h"
#include "core/xml/ns.h"

namespace starling::modules {
namespace {

crypto::Bytes randomBytes(platform::Random& random, std::size_t n) {
    crypto::Bytes b(n);
    random.fill(b.data(), n);
    return b;
}

std::string extensionOf(const std::string& name) {
    const std::size_t dot = name.rfind('.');
    return dot == std::string::npos ? "" : name.substr(dot);
}

}  // namespace

UploadModule::UploadModule(Core& core, ChatModule& chat, ClientConfig config, std::function<std::string()> connectedUrl)
    : Module(core), m_chat(chat), m_config(std::move(config)), m_connectedUrl(std::move(connectedUrl)) {}

void UploadModule::onAccount() {
    ++m_epoch;
    for (auto& [id, u] : m_uploads)
        if (u.httpId) m_core.p.http.cancel(u.httpId);
    m_uploads.clear();
    m_core.state.upload = {};
}

void UploadModule::onOnline() {
    ++m_epoch;
    discover();
}

void UploadModule::onOffline() {}

// XEP-0363 §2: the service is one of our server's items whose disco#info names the feature.
void UploadModule::discover() {
    auto account = jid::Jid::parse(m_core.account);
    if (!account) return;
    const std::uint64_t epoch = m_epoch;
    m_core.session.sendIq(xep::discoItemsIq(account->domain()), [this, epoch](const Result<xml::Element>& r) {
        if (epoch != m_epoch || !r) return;
        const xml::Element* query = r->child(ns::kDiscoItems, "query");
        if (!query) return;
        for (const std::string& item : xep::discoItemJids(*query)) {
            xml::Element iq(ns::kClient, "iq");
            iq.setAttr("type", "get");
            iq.setAttr("to", item);
            iq.add(ns::kDiscoInfo, "query");
            m_core.session.sendIq(std::move(iq), [this, epoch, item](const Result<xml::Element>& info) {
                if (epoch != m_epoch || !info || !m_core.state.upload.jid.empty()) return;
                const xml::Element* q = info->child(ns::kDiscoInfo, "query");
                auto service = q ? xep::uploadServiceFrom(item, *q) : std::nullopt;
                if (!service) return;
                m_core.state.upload.jid = service->jid;
                m_core.state.upload.maxFileSize = service->maxFileSize;
                m_core.touch();
            });
        }
    });
}

bool UploadModule::sendFile(const std::string& peer, const std::string& name, const std::string& mime, std::string bytes) {
    auto refuse = [this](const char* code) {
        m_core.state.notice = code;
        m_core.touch();
        return false;
    };
    if (m_core.state.upload.jid.empty()) return refuse("upload-unavailable");
    if (bytes.empty()) return refuse("upload-empty");
    // An encrypted room's file is encrypted too (XEP-0454: its aesgcm:// link travels only inside OMEMO).
    const auto enc = m_core.state.omemo.chatEncrypted.find(peer);
    const auto room = m_core.state.rooms.find(peer);
    const bool encrypted = room != m_core.state.rooms.end() ? room->second.encrypted
                                                            : enc != m_core.state.omemo.chatEncrypted.end() && enc->second;
    const std::uint64_t size = bytes.size() + (encrypted ? xep::kAesGcmTagSize : 0);
    if (m_core.state.upload.maxFileSize && size > m_core.state.upload.maxFileSize) return refuse("upload-too-large");

    model::Message m;
    m.id = m_core.uuid();
    m.from = m_core.state.ownJid.empty() ? m_core.account : m_core.state.ownJid;
    // In a room we are our occupant JID, as the room's reflection says (matched by origin-id and sender).
    if (room != m_core.state.rooms.end()) m.from = peer + "/" + room->second.nick;
    m.direction = model::Direction::Outgoing;
    m.status = model::MessageStatus::Queued;
    m.timestampMs = m_core.p.clock.wallTimeMs();
    model::Attachment a;
    a.name = media::sanitizeFileName(name);
    a.mime = mime;
    a.size = bytes.size();
    a.encrypted = encrypted;
    a.state = model::AttachmentState::Uploading;
    const media::Classified shown = media::classify(bytes, mime, a.name);
    a.kind = shown.kind;
    a.width = shown.width;
    a.height = shown.height;
    m.attachment = a;
    model::Conversation& conv = m_core.state.conversations[peer];
    conv.jid = peer;
    im::appendInOrder(conv, m);

    Upload& u = m_uploads[m.id];
    u.peer = peer;
    u.messageId = m.id;
    u.plain = std::make_shared<const std::string>(std::move(bytes));
    m_core.state.media.put(model::localMediaKey(m.id), u.plain);  // the picture shows while it uploads
    if (encrypted) {
        u.iv = randomBytes(m_core.p.random, 12);  // 12 bytes, as XEP-0454 and Conversations write them
        u.key = randomBytes(m_core.p.random, 32);
        auto cipher = xep::aesGcmEncrypt(*u.plain, u.iv, u.key);
        if (!cipher) {
            fail(u, cipher.error().code);
            return true;
        }
        u.payload = std::move(*cipher);
    } else {
        u.payload = *u.plain;
    }
    start(u);
    m_core.touch();
    return true;
}

model::Message* UploadModule::messageOf(const Upload& u) {
    auto conv = m_core.state.conversations.find(u.peer);
    return conv == m_core.state.conversations.end() ? nullptr : im::findMessage(conv->second, u.messageId);
}

void UploadModule::start(Upload& u) {
    model::Message* m = messageOf(u);
    if (!m || !m->attachment) return;
    m->status = model::MessageStatus::Queued;
    m->error.clear();
    m->attachment->state = model::AttachmentState::Uploading;
    m->attachment->error.clear();
    m->attachment->done = 0;
    u.epoch = m_epoch;
    // An encrypted file's name would tell the server what the message hides: a random one, same extension.
    const bool encrypted = !u.key.empty();
    const std::string filename =
        encrypted ? crypto::hexEncode(randomBytes(m_core.p.random, 8)) + extensionOf(m->attachment->name) : m->attachment->name;
    const std::string type = encrypted || m->attachment->mime.empty() ? "application/octet-stream" : m->attachment->mime;
    const std::string id = u.messageId;
    m_core.session.sendIq(xep::slotRequestIq(m_core.state.upload.jid, filename, u.payload.size(), type),
                          [this, id](const Result<xml::Element>& r) { slotArrived(id, r); });
}

void UploadModule::slotArrived(const std::string& messageId, const Result<xml::Element>& r) {
    auto it = m_uploads.find(messageId);
    if (it == m_uploads.end() || it->second.epoch != m_epoch) return;
    Upload& u = it->second;
    if (!r) return fail(u, "upload-" + r.error().code);
    auto slot = xep::parseSlot(*r);
    if (!slot) return fail(u, slot.error().code);
    media::SlotContext ctx;
    ctx.pageIsHttps = m_config.pageIsHttps;
    ctx.serviceJid = m_core.state.upload.jid;
    if (auto account = jid::Jid::parse(m_core.account)) ctx.accountDomain = account->domain();
    ctx.connectHost = media::urlHost(m_connectedUrl ? m_connectedUrl() : std::string());
    if (!media::plausibleSlotUrl(slot->putUrl, ctx) || !media::plausibleSlotUrl(slot->getUrl, ctx)) {
        m_core.log("upload slot refused: " + slot->putUrl + " / " + slot->getUrl);
        return fail(u, "upload-bad-slot");
    }
    model::Message* m = messageOf(u);
    if (!m || !m->attachment) return;
    u.getUrl = slot->getUrl;
    platform::HttpRequest put;
    put.method = "PUT";
    put.url = slot->putUrl;
    put.headers = slot->headers;
    put.headers.emplace_back("Content-Type", u.key.empty() && !m->attachment->mime.empty() ? m->attachment->mime
                                                                                          : "application/octet-stream");
    put.body = u.payload;
    u.httpId = m_nextHttpId++;
    m_core.p.http.request(u.httpId, put);
}

bool UploadModule::onHttpProgress(std::uint32_t id, std::uint64_t done, std::uint64_t /*total*/) {
    auto it = std::find_if(m_uploads.begin(), m_uploads.end(), [id](const auto& e) { return e.second.httpId == id; });
    if (it == m_uploads.end()) return false;
    if (model::Message* m = messageOf(it->second); m && m->attachment) {
        // Progress of the plaintext the person picked (the ciphertext is 16 bytes longer).
        m->attachment->done = std::min<std::uint64_t>(done, m->attachment->size);
        m_core.touch();
    }
    return true;
}

bool UploadModule::onHttpResult(std::uint32_t id, int status, std::string_view /*body*/) {
    auto it = std::find_if(m_uploads.begin(), m_uploads.end(), [id](const auto& e) { return e.second.httpId == id; });
    if (it == m_uploads.end()) return false;
    Upload& u = it->second;
    u.httpId = 0;
    if (status == 200 || status == 201) finished(u);
    else fail(u, "upload-http-" + std::to_string(status));
    return true;
}

void UploadModule::finished(Upload& u) {
    model::Message* m = messageOf(u);
    if (!m || !m->attachment) {
        m_uploads.erase(u.messageId);
        return;
    }
    std::string url = u.getUrl;
    if (!u.key.empty()) {
        auto link = xep::formatAesGcmLink(u.getUrl, u.iv, u.key);
        if (!link) return fail(u, "upload-bad-slot");
        url = std::move(*link);
    }
    m->body = url;
    m->attachment->url = url;
    m->attachment->state = model::AttachmentState::Sent;
    m->attachment->done = m->attachment->size;
    m_core.state.media.put(url, u.plain);
    m_core.state.media.erase(model::localMediaKey(u.messageId));
    const std::string peer = u.peer;
    m_core.data.appendMessage(m_core.account, peer, *m);  // stored only now: it has its URL
    crypto::secureZero(u.key.data(), u.key.size());
    m_uploads.erase(u.messageId);
    m_chat.flushQueued();
    m_core.touch();
}

void UploadModule::fail(Upload& u, const std::string& code) {
    m_core.log("upload of " + u.messageId + " failed: " + code);
    if (model::Message* m = messageOf(u); m && m->attachment) {
        m->status = model::MessageStatus::Failed;
        m->error = code;
        m->attachment->state = model::AttachmentState::Failed;
        m->attachment->error = code;
    }
    m_core.touch();
}

bool UploadModule::cancel(const std::string& peer, const std::string& messageId) {
    auto it = m_uploads.find(messageId);
    if (it == m_uploads.end() || it->second.peer != peer) return false;
    if (it->second.httpId) m_core.p.http.cancel(it->second.httpId);
    auto conv = m_core.state.conversations.find(peer);
    if (conv != m_core.state.conversations.end())
        std::erase_if(conv->second.messages, [&](const model::Message& m) { return m.id == messageId; });
    m_core.state.media.erase(model::localMediaKey(messageId));
    m_uploads.erase(it);
    m_chat.flushQueued();  // what waited behind it goes now
    m_core.touch();
    return true;
}

bool UploadModule::retry(const std::string& peer, const std::string& messageId) {
    auto it = m_uploads.find(messageId);
    if (it == m_uploads.end() || it->second.peer != peer || it->second.httpId) return false;
    model::Message* m = messageOf(it->second);
    if (!m || !m->attachment || m->attachment->state != model::AttachmentState::Failed) return false;
    start(it->second);
    m_core.touch();
    return true;
}

}  // namespace starling::modules
