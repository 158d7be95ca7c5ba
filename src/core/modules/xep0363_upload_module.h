#pragma once
// XEP-0363 HTTP File Upload: finds our server's upload service (disco#items, then disco#info of each
// item) and its size limit (State::upload, shown before anything is picked), and sends files: a message
// with an Attachment (Uploading, with progress) is shown at once; the slot is requested and checked
// (https on an https page, a host of our own service), the file PUT with only the slot's allowed
// headers; then the message goes out through the outbox with the URL as its body (+ XEP-0066 OOB, added
// by the OOB module) — or, in an OMEMO chat, the file is encrypted first (AES-256-GCM, XEP-0454) and the
// body is the aesgcm:// link, which only ever travels inside OMEMO. A failed upload can be retried or
// cancelled; it is stored in the history only once its URL exists.
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "core/crypto/hash.h"
#include "core/modules/module.h"

namespace starling::modules {

class ChatModule;

class UploadModule : public Module {
public:
    UploadModule(Core& core, ChatModule& chat, ClientConfig config, std::function<std::string()> connectedUrl);
    const char* name() const override { return "xep0363-upload"; }
    void onAccount() override;
    void onOnline() override;
    void onOffline() override;

    // False (State::notice says why: "upload-unavailable", "upload-too-large", "upload-empty") when
    // nothing was started.
    bool sendFile(const std::string& peer, const std::string& name, const std::string& mime, std::string bytes);
    bool cancel(const std::string& peer, const std::string& messageId);
    bool retry(const std::string& peer, const std::string& messageId);
    // Platform answers; false when the request is not one of ours.
    bool onHttpResult(std::uint32_t id, int status, std::string_view body);
    bool onHttpProgress(std::uint32_t id, std::uint64_t done, std::uint64_t total);

private:
    struct Upload {
        std::string peer;
        std::string messageId;
        std::shared_ptr<const std::string> plain;  // the file as picked: shown at once, kept for a retry
        std::string payload;    // what is PUT: the plain file, or ciphertext + tag
        crypto::Bytes iv, key;  // encrypted uploads
        std::string getUrl;
        std::uint32_t httpId = 0;
        std::uint64_t epoch = 0;
    };
    model::Message* messageOf(const Upload& u);
    void start(Upload& u);
    void slotArrived(const std::string& messageId, const Result<xml::Element>& r);
    void finished(Upload& u);
    void fail(Upload& u, const std::string& code);
    void discover();

    ChatModule& m_chat;
    ClientConfig m_config;
    std::function<std::string()> m_connectedUrl;
    std::uint64_t m_epoch = 0;
    std::uint32_t m_nextHttpId = 0x40000000;  // apart from the account module's discovery ids
    std::map<std::string, Upload> m_uploads;  // by message id
};

}  // namespace starling::modules
