#pragma once
// Fetching shared files (Message::attachment) through the platform, under the rules of media_policy.h:
// the open chat's recent attachments are fetched by themselves only when the sender is in our roster
// (or is us) and only up to kAutoDownloadLimit; a stranger's are Blocked and a click (load()) fetches
// them; aesgcm:// files are decrypted here, and a wrong tag fails the whole file (nothing is shown).
// The bytes go to State::media; what may be drawn is decided from them (classify), never from the
// declared type.
#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "core/modules/module.h"

namespace starling::modules {

class MediaDownloadModule : public Module {
public:
    MediaDownloadModule(Core& core, ClientConfig config, std::function<std::string()> connectedUrl);
    const char* name() const override { return "media-download"; }
    void onAccount() override;
    void onTimer(std::int64_t nowMs) override;

    // A click on an attachment: fetched whoever sent it (up to kMaxDownload). False when there is
    // nothing to load (no such message, already loading or loaded).
    bool load(const std::string& peer, const std::string& messageId);
    // The UI drew it without its bytes: fetched by itself as in onTimer, or again when the cache let it go.
    void drawn(const std::string& peer, const std::string& messageId);
    bool cancel(const std::string& peer, const std::string& messageId);
    bool onHttpResult(std::uint32_t id, int status, std::string_view body);
    bool onHttpProgress(std::uint32_t id, std::uint64_t done, std::uint64_t total);

private:
    struct Fetch {
        std::string peer;
        std::string messageId;
        std::string url;  // Attachment::url
    };
    bool senderKnown(const std::string& peer, const model::Message& m) const;
    void fetchByItself(const std::string& peer, model::Message& m);
    void fetch(const std::string& peer, model::Message& m, std::uint64_t limit);
    model::Message* messageOf(const Fetch& f);

    ClientConfig m_config;
    std::function<std::string()> m_connectedUrl;
    std::uint32_t m_nextHttpId = 0x60000000;
    std::map<std::uint32_t, Fetch> m_fetches;
    std::set<std::string> m_tried;  // URLs fetched (or refused) by themselves this session: once only
};

}  // namespace starling::modules
